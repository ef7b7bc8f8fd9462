// the exported function is the final value of a reassigned exported binding
export let test = () => 'first';
function second() { return ['second', typeof test]; }
test = second;
