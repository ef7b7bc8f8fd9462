let café = 1, \u0061bc = 2, a\u{62}c = 3, 𝐀x = 4;
const 变量 = " ";
x y zw
 ﻿　q;
#priv; this.#p; #\u0061;
