// Non-ASCII is encoded as UTF-8; a lone surrogate becomes U+FFFD.
report(new URLSearchParams({ name: 'Zoë', emoji: '\uD83D\uDE00', lone: '\uD800', cjk: '\u4E2D' }).toString());
report(new URLSearchParams('a=%C3%A9&b=%F0%9F%98%80').get('b').length);
