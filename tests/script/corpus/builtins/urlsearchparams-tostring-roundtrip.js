// Serialising and parsing again gives the same pairs.
var tricky = [['a b', 'c+d'], ['e&f', 'g=h'], ['%', '100%'], ['\u00fc', '\uD83D\uDE00'], ['', '']];
var text = new URLSearchParams(tricky).toString();
report(text);
report(Array.from(new URLSearchParams(text)));
