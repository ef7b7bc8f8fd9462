// private instance fields: read, write, compound assignment, ++/--, initializers using earlier fields
class Account {
  #balance = 0;
  #history = [];
  #label = 'acct-' + this.#balance;
  deposit(n) { this.#balance += n; this.#history.push(['+', n]); return this; }
  withdraw(n) { this.#balance -= n; this.#history = [...this.#history, ['-', n]]; return this; }
  bump() { return [this.#balance++, ++this.#balance, this.#balance--, --this.#balance]; }
  get summary() { return { balance: this.#balance, history: this.#history, label: this.#label }; }
}
module.exports = function () {
  const a = new Account().deposit(10).withdraw(3);
  return [a.summary, a.bump(), a.summary.balance, Object.keys(a), JSON.stringify(a)];
};
