// AggregateError can be subclassed.
class Failures extends AggregateError {
    constructor(errors) {
        super(errors, 'failures');
        this.extra = true;
    }
}
var error = new Failures(['x']);
report([error instanceof Failures, error instanceof AggregateError, error.message, error.errors, error.extra]);
