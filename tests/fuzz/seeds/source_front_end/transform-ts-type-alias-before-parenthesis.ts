const a = b
type T = string
(c)