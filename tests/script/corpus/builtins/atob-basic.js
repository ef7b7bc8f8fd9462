// atob decodes base64 to a binary string.
report([atob(''), atob('Zg=='), atob('Zm8='), atob('Zm9v'), atob('Zm9vYmFy')]);
report(atob('w7/Dvg==').length);
