class A { x = 1; y = this.x + 1; ['z'] = 3; n; }
export default () => { const a = new A(); return [a, 'n' in a]; };