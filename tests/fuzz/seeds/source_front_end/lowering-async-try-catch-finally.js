// await inside try, catch and finally
module.exports = async function () {
  const log = [];
  const fail = async (m) => { await null; throw new Error(m); };
  try {
    log.push('try ' + (await Promise.resolve(1)));
    await fail('first');
    log.push('not reached');
  } catch (e) {
    log.push('catch ' + e.message + ' ' + (await Promise.resolve(2)));
  } finally {
    log.push('finally ' + (await Promise.resolve(3)));
  }
  try {
    try {
      await fail('inner');
    } finally {
      log.push('inner finally');
      await null;
    }
  } catch (e) {
    log.push('outer caught ' + e.message);
  }
  try {
    await Promise.reject(new TypeError('rejected'));
  } catch ({ name, message }) {
    log.push(name + ': ' + message);
  }
  return log;
};
