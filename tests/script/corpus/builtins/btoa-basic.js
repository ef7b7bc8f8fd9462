// btoa encodes a binary string as base64.
report([btoa(''), btoa('f'), btoa('fo'), btoa('foo'), btoa('foob'), btoa('fooba'), btoa('foobar')]);
report(btoa('client-id:client-secret'));
