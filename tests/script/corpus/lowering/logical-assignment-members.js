// logical assignment to members: the object and key are evaluated once
module.exports = function () {
  const log = [];
  const target = { a: null, b: 0, c: 1, nested: { d: undefined } };
  const obj = () => { log.push('obj'); return target; };
  const key = (k) => { log.push('key ' + k); return k; };
  obj().a ??= 'A';
  obj()[key('b')] ||= 'B';
  obj()[key('c')] &&= 'C';
  obj().nested.d ??= 'D';
  const arr = [null, 1];
  let i = 0;
  arr[i++] ??= 'first';
  arr[i++] ??= 'second';
  return [target, log, arr, i];
};
