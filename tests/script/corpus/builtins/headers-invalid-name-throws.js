// A name with white space, control or non-ASCII characters, or an empty one, is a TypeError. (Debian
// 12's Node 18 has undici 5.15, which accepts other non-token names such as 'a:b'.)
['bad name', '', 'caf\u00e9', 'x\ny'].forEach(function (name) {
    try {
        new Headers().append(name, 'v');
        report('no error');
    } catch (error) {
        report(error.name);
    }
});
