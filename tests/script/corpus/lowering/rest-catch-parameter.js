// object rest in a catch parameter
module.exports = function () {
  const out = [];
  try {
    throw Object.assign(new Error('boom'), { code: 'E1', detail: 'd' });
  } catch ({ message, ...props }) {
    out.push(message, props);
  }
  try {
    throw { status: 400, body: { error: 'bad', hint: 'h' } };
  } catch ({ status, body: { error, ...bodyRest } }) {
    out.push(status, error, bodyRest);
  }
  return out;
};
