// global `s` regexes keep lastIndex, work with replace, split and match
module.exports = function () {
  const re = /<(.+?)>/gs;
  const text = '<a\nb><c>\n<d\n>';
  const found = [];
  let m;
  while ((m = re.exec(text)) !== null) found.push([m[1], re.lastIndex]);
  return [found, text.match(/<.+?>/gs), text.replace(/<.+?>/gs, '#'), text.split(/>.</s).length];
};
