// A space is serialised as '+', a '+' as %2B.
report(new URLSearchParams({ q: 'a b', plus: '1+1' }).toString());
report(String(new URLSearchParams('q=a+b&p=%2B')));
report(new URLSearchParams('q=a+b').get('q'));
