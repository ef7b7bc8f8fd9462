module.exports = function () {
  console.log('hello', 'world', 3);
  console.info({ a: [1, 'x'] });
  console.warn('careful');
  console.error('bad', true);
  return 'logged';
};
