// ASCII white space is ignored and padding is optional.
report([atob(' Zm9v\nYmFy\t'), atob('Zg'), atob('Zm8'), atob('Z g = ='), atob('\fZm8=\r')]);
