// object spread and rest mixed with await, in the same expressions
module.exports = async function () {
  const fetchUser = async () => ({ id: 1, name: 'ada', secret: 's' });
  const { secret, ...user } = await fetchUser();
  const merged = { ...(await fetchUser()), role: await Promise.resolve('admin'), ...user };
  const list = await Promise.all([1, 2].map(async (id) => ({ id, ...(await Promise.resolve({ ok: true })) })));
  return [user, merged, list, secret];
};
