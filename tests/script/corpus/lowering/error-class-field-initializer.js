// error-line: 5
// an exception in a lowered class field initializer points at the field's line
class Widget {
  size = 1;
  label = this.size.toFixed(1) + raise(new ReferenceError('no options'));
}
function raise(error) { throw error; }
module.exports = function () { return new Widget(); };
