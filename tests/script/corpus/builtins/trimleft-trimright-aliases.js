// trimLeft and trimRight are the same functions as trimStart and trimEnd.
report(String.prototype.trimLeft === String.prototype.trimStart);
report(String.prototype.trimRight === String.prototype.trimEnd);
report(['  a  '.trimLeft(), '  a  '.trimRight()]);
