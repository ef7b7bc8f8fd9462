class Counter { count = 0; inc = () => ++this.count; }
export default () => { const c = new Counter(); const inc = c.inc; inc(); inc(); return c.count; };