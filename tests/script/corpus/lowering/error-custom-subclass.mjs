// a custom Error subclass with class fields and a constructor, thrown from a private method
class ApiError extends Error {
  name = 'ApiError';
  status = 500;
  constructor(message) { super(message); }
}
class Client {
  #fail(status) {
    const e = new ApiError('request failed with ' + status);
    throw e;
  }
  call() { this.#fail(418); }
}
export default function test() { new Client().call(); }
