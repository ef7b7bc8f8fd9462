function main() { return 'ok'; }
export = main;