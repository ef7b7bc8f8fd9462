const r =
  /(?<!x)y/;