// Iteration yields lowercase names in sorted order, values combined.
var headers = new Headers([['X-B', '2'], ['x-a', '1'], ['Authorization', 'Bearer t'], ['x-b', '3']]);
report(Array.from(headers));
report(Array.from(headers.values()));
report(Array.from(headers.entries()).length);
