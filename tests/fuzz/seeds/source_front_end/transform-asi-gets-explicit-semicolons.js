a = b
c ??= d
return_ = e