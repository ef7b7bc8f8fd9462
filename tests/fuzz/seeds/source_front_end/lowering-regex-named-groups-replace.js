// named groups in replace: $<name> in the replacement and the groups argument of a function
module.exports = function () {
  const re = /(?<first>\w+)\s(?<last>\w+)/;
  const swapped = 'Ada Lovelace'.replace(re, '$<last>, $<first>');
  const fn = 'Ada Lovelace'.replace(re, (...args) => {
    const groups = args[args.length - 1];
    return `${groups.last.toUpperCase()} (${args[1]}, offset ${args[3]})`;
  });
  const global = 'a=1, b=2'.replace(/(?<k>\w)=(?<v>\d)/g, '$<v>:$<k>');
  const literal = 'x'.replace(/(?<n>x)/, '$<missing>|$$|$&|$1|$<n>');
  const all = 'k1=v1;k2=v2'.replaceAll(/(?<key>\w+)=(?<value>\w+)/g, '$<value>=$<key>');
  return [swapped, fn, global, literal, all];
};
