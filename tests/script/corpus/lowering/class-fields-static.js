// static fields and static blocks: order, this, the class name, inheritance of statics
class Config {
  static defaults = { retries: 3 };
  static retries = this.defaults.retries * 2;
  static named = Config.retries + 1;
  static log = [];
  static { this.log.push('block ' + this.named); }
  static after = this.log.length;
}
class Child extends Config { static own = super.retries + 100; }
module.exports = function () {
  return [Config.defaults, Config.retries, Config.named, Config.log, Config.after, Child.own, Child.retries, Object.keys(Config)];
};
