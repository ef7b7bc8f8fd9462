// replaceAll replaces every occurrence of a string.
report('a-b-c'.replaceAll('-', '+'));
report('client_id=x&client_id=y'.replaceAll('client_id', 'id'));
report('nothing here'.replaceAll('zzz', 'y'));
report(''.replaceAll('a', 'b'));
