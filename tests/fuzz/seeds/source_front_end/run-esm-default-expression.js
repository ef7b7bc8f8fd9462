const x = 20;
export default (() => x + 1);