// named groups: match.groups from exec and match, unmatched groups are undefined
module.exports = function () {
  const date = /(?<year>\d{4})-(?<month>\d{2})(?:-(?<day>\d{2}))?/;
  const m = date.exec('on 2024-05 and');
  const full = '2023-12-31'.match(date);
  const { groups: { year, month } } = m;
  return [
    m.groups, m.index, m[1], year, month, 'day' in m.groups, m.groups.day === undefined,
    full.groups, Object.keys(full.groups), /(?<x>a)|(?<y>b)/.exec('b').groups, /(a)(b)/.exec('ab').groups,
  ];
};
