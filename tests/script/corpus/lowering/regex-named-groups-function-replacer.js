// the function replacer of a named-group regex gets the groups object last; sticky and unicode flags
module.exports = function () {
  const seen = [];
  const out = '2024-01-02 / 2025-03-04'.replace(/(?<y>\d{4})-(?<m>\d\d)-(?<d>\d\d)/g, (match, y, m, d, offset, string, groups) => {
    seen.push([match, offset, typeof string, Object.keys(groups)]);
    return `${groups.d}.${groups.m}.${groups.y}`;
  });
  const sticky = /(?<word>\w+)/y;
  sticky.lastIndex = 4;
  const stickyMatch = sticky.exec('abc def');
  const emoji = 'a😀b'.replace(/(?<c>.)/gu, '[$<c>]');
  return [out, seen, stickyMatch.groups.word, sticky.lastIndex, emoji];
};
