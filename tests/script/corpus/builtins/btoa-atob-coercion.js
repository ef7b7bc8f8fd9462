// The argument is converted to a string.
report([btoa(null), btoa(undefined), btoa(12), atob(null) === atob('null')]);
report(atob(btoa('round trip \u00e9')) === 'round trip \u00e9');
