// static blocks that use private static state; private fields set up in derived constructors with super() in branches
class Config {
  static #values = new Map();
  static #frozen = false;
  static {
    Config.#values.set('mode', 'strict');
    this.#frozen = true;
  }
  static get(key) { return [this.#values.get(key), Config.#frozen]; }
}
class Base { constructor(tag) { this.tag = tag; } }
class Tagged extends Base {
  #secret;
  #check() { return this.#secret.length; }
  constructor(secret) {
    if (secret) super('with');
    else super('without');
    this.#secret = secret || '';
  }
  get info() { return [this.tag, this.#check()]; }
}
module.exports = function () {
  return [Config.get('mode'), new Tagged('abc').info, new Tagged().info, Object.keys(Config)];
};
