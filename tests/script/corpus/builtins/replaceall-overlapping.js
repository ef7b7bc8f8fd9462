// Matches do not overlap; the search resumes after each match.
report('aaaa'.replaceAll('aa', 'b'));
report('aaa'.replaceAll('aa', 'b'));
report('abababa'.replaceAll('aba', 'X'));
