// `#x in obj` brand checks: instances, subclasses, other objects, methods and static names
class Point {
  #x = 1;
  #move() {}
  static #origin = true;
  static isPoint(o) { return #x in o; }
  static hasMove(o) { return #move in o; }
  static isClass(o) { return #origin in o; }
}
class Point3 extends Point {}
module.exports = function () {
  const out = [Point.isPoint(new Point()), Point.isPoint(new Point3()), Point.isPoint({}), Point.isPoint(Point.prototype)];
  out.push(Point.hasMove(new Point()), Point.hasMove({}), Point.isClass(Point), Point.isClass(Point3));
  try { Point.isPoint(1); } catch (e) { out.push(e.name + ': ' + e.message); }
  return out;
};
