// Authdesk script prelude, part 3: the Node.js host APIs connector methods use, built on the native
// host object `__authdesk` (ScriptHost): timers, console, fetch/Response, the global crypto object,
// and the modules `require` can load (axios, @integration-app/sdk, @membranehq/sdk, crypto).
// Runs after polyfills.js and web.js; plain ES2017 that QJSEngine 6.4 parses.
//
// Installed lazily, as web.js explains: the base, which runs at install, has the timers, console,
// require and the call helper, and puts placeholders for Response, fetch and crypto; the rest of the
// file, its last argument, runs when one of those is first used, or when `require` first loads a
// module that is there.
(function (global, host, rest) {
    'use strict';

    // --- Placeholders (js/lazy.js) ---------------------------------------------------------------

    var lazy = global.__authdeskLazyInstaller('host', rest, function (run, base) {
        return run(global, host, base);
    });
    var placeholder = lazy.placeholder;
    var runRest = lazy.runRest;

    var slice = Array.prototype.slice;

    function defineGlobal(name, value) {
        Object.defineProperty(global, name, { value: value, writable: true, enumerable: false, configurable: true });
    }

    // --- Timers ----------------------------------------------------------------------------------

    function makeTimer(repeat) {
        return function (callback, delay) {
            if (typeof callback !== 'function')
                throw new TypeError('The "callback" argument must be of type function. Received ' + typeof callback);
            var args = slice.call(arguments, 2);
            var milliseconds = Number(delay);
            if (!(milliseconds >= 1 && milliseconds <= 2147483647))
                milliseconds = 1; // Node clamps to 1 ms
            return host.setTimer(milliseconds, repeat, function () {
                callback.apply(undefined, args);
            });
        };
    }
    defineGlobal('setTimeout', makeTimer(false));
    defineGlobal('setInterval', makeTimer(true));
    defineGlobal('setImmediate', function (callback) {
        var args = slice.call(arguments, 1);
        return host.setTimer(0, false, function () {
            callback.apply(undefined, args);
        });
    });
    function clearTimer(id) {
        if (typeof id === 'number')
            host.clearTimer(id);
    }
    defineGlobal('clearTimeout', clearTimer);
    defineGlobal('clearInterval', clearTimer);
    defineGlobal('clearImmediate', clearTimer);

    // --- console ---------------------------------------------------------------------------------

    function describe(value, depth) {
        if (typeof value === 'string')
            return depth === 0 ? value : JSON.stringify(value);
        if (value === undefined || value === null || typeof value === 'number' || typeof value === 'boolean'
            || typeof value === 'bigint' || typeof value === 'symbol')
            return String(value);
        if (typeof value === 'function')
            return '[Function: ' + (value.name || '(anonymous)') + ']';
        if (value instanceof Error)
            return value.stack ? String(value.name) + ': ' + value.message + '\n' + value.stack : String(value);
        try {
            return JSON.stringify(value, function (key, item) {
                return typeof item === 'bigint' ? String(item) + 'n' : item;
            });
        } catch (e) {
            return Object.prototype.toString.call(value);
        }
    }

    function formatArguments(args) {
        var parts = [];
        for (var i = 0; i < args.length; ++i)
            parts.push(describe(args[i], 0));
        return parts.join(' ');
    }

    var consoleObject = {};
    ['log', 'info', 'warn', 'error', 'debug', 'trace'].forEach(function (level) {
        consoleObject[level] = function () {
            host.log(level === 'trace' ? 'debug' : level, formatArguments(arguments));
        };
    });
    consoleObject.dir = function (value) {
        host.log('log', describe(value, 1));
    };
    consoleObject.table = consoleObject.log;
    consoleObject.assert = function (condition) {
        if (!condition)
            host.log('error', 'Assertion failed' + (arguments.length > 1 ? ': ' + formatArguments(slice.call(arguments, 1)) : ''));
    };
    defineGlobal('console', consoleObject);

    // --- fetch, Response, crypto: the rest of the file ----------------------------------------------

    placeholder(global, 'Response', false);
    placeholder(global, 'fetch', false);
    placeholder(global, 'crypto', false);

    // --- require ---------------------------------------------------------------------------------

    var factories = {
        'axios': function () { return runRest().makeAxios(); },
        '@integration-app/sdk': function () { return runRest().makeSdk(); },
        '@membranehq/sdk': function () { return runRest().makeSdk(); },
        'crypto': function () { return runRest().cryptoModule; },
        'node:crypto': function () { return runRest().cryptoModule; },
        'buffer': function () { return { Buffer: Buffer }; },
        'node:buffer': function () { return { Buffer: Buffer }; },
        'url': function () { return { URLSearchParams: URLSearchParams }; },
        'node:url': function () { return { URLSearchParams: URLSearchParams }; }
    };
    var loaded = {};

    function requireModule(name) {
        name = String(name);
        if (!Object.prototype.hasOwnProperty.call(factories, name)) {
            var error = new Error('Cannot find module \'' + name + '\'');
            error.code = 'MODULE_NOT_FOUND';
            throw error;
        }
        if (!Object.prototype.hasOwnProperty.call(loaded, name))
            loaded[name] = factories[name]();
        return loaded[name];
    }
    requireModule.knownModules = Object.keys(factories);
    defineGlobal('__authdeskRequire', requireModule);

    // The `apiClient` argument, which ScriptRun adds when the method runs with an API client.
    defineGlobal('__authdeskApiClient', function () {
        return runRest().makeApiClient();
    });

    // Calls from C++ go through here: QJSValue::call does not tell a thrown value from a returned one.
    defineGlobal('__authdeskInvoke', function (fn, self, args) {
        try {
            return { ok: true, value: fn.apply(self, args) };
        } catch (error) {
            return { ok: false, error: error };
        }
    });
})(Function('return this')(), __authdesk,
// The rest of the file, run when a placeholder is first used or `require` first loads a module that is
// here. It returns what `require` needs.
function (global, host, base) {
    'use strict';

    // A global where the base put a placeholder.
    function defineGlobal(name, value) {
        base.define(global, name, { value: value, writable: true, enumerable: false, configurable: true });
    }

    function toBase64(bytes) {
        return Buffer.from(bytes.buffer ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes)
            .toString('base64');
    }

    function fromBase64(text) {
        return Buffer.from(text || '', 'base64');
    }

    // --- fetch -----------------------------------------------------------------------------------

    function bodyBytes(body, headers) {
        if (body === undefined || body === null)
            return null;
        if (typeof body === 'string')
            return Buffer.from(body, 'utf8');
        if (body instanceof URLSearchParams) {
            if (!headers.has('content-type'))
                headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
            return Buffer.from(body.toString(), 'utf8');
        }
        if (body instanceof ArrayBuffer)
            return new Uint8Array(body);
        if (ArrayBuffer.isView(body))
            return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
        var text = String(body);
        if (!headers.has('content-type'))
            headers.set('content-type', 'text/plain;charset=UTF-8');
        return Buffer.from(text, 'utf8');
    }

    function Response(body, init) {
        init = init || {};
        this._bytes = body === undefined || body === null ? new Uint8Array(0)
            : (typeof body === 'string' ? Buffer.from(body, 'utf8') : new Uint8Array(body));
        this.status = init.status === undefined ? 200 : init.status;
        this.statusText = init.statusText === undefined ? '' : String(init.statusText);
        this.headers = new Headers(init.headers);
        this.url = init.url || '';
        this.redirected = Boolean(init.redirected);
        this.type = 'basic';
        this.bodyUsed = false;
    }
    Object.defineProperty(Response.prototype, 'ok', {
        get: function () {
            return this.status >= 200 && this.status <= 299;
        }
    });
    Response.prototype._consume = function () {
        if (this.bodyUsed)
            return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
        this.bodyUsed = true;
        return Promise.resolve(this._bytes);
    };
    Response.prototype.arrayBuffer = function () {
        return this._consume().then(function (bytes) {
            return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
        });
    };
    Response.prototype.text = function () {
        return this._consume().then(function (bytes) {
            return new TextDecoder().decode(bytes);
        });
    };
    Response.prototype.json = function () {
        return this.text().then(function (text) {
            return JSON.parse(text);
        });
    };
    Response.prototype.clone = function () {
        if (this.bodyUsed)
            throw new TypeError('Response.clone: Body has already been consumed.');
        return new Response(this._bytes, { status: this.status, statusText: this.statusText, headers: this.headers,
            url: this.url, redirected: this.redirected });
    };
    Response.json = function (data, init) {
        var response = new Response(JSON.stringify(data), init);
        if (!response.headers.has('content-type'))
            response.headers.set('content-type', 'application/json');
        return response;
    };
    Object.defineProperty(Response.prototype, Symbol.toStringTag, { value: 'Response', configurable: true });
    defineGlobal('Response', Response);

    function abortError(signal) {
        if (signal && signal.reason !== undefined)
            return signal.reason;
        return new DOMException('This operation was aborted', 'AbortError');
    }

    function fetch(input, init) {
        init = init || {};
        return new Promise(function (resolve, reject) {
            var url = typeof input === 'string' ? input : (input && input.href) || String(input);
            var method = String(init.method || 'GET').toUpperCase();
            var headers = new Headers(init.headers);
            var bytes;
            try {
                bytes = bodyBytes(init.body, headers);
            } catch (error) {
                reject(error);
                return;
            }
            if (bytes !== null && (method === 'GET' || method === 'HEAD')) {
                reject(new TypeError('Request with GET/HEAD method cannot have body.'));
                return;
            }
            var signal = init.signal;
            if (signal && signal.aborted) {
                reject(abortError(signal));
                return;
            }
            var headerList = [];
            headers.forEach(function (value, name) {
                headerList.push([name, value]);
            });
            var settled = false;
            var id = host.fetch({ method: method, url: url, headers: headerList,
                body: bytes === null ? null : toBase64(bytes), redirect: init.redirect || 'follow' },
                function (result) {
                    if (settled)
                        return;
                    settled = true;
                    if (result.error) {
                        var failure = new TypeError('fetch failed');
                        failure.cause = new Error(result.error);
                        reject(failure);
                        return;
                    }
                    resolve(new Response(fromBase64(result.body), { status: result.status, statusText: result.statusText,
                        headers: result.headers, url: result.url, redirected: result.redirected }));
                });
            if (signal && typeof signal.addEventListener === 'function') {
                signal.addEventListener('abort', function () {
                    if (settled)
                        return;
                    settled = true;
                    host.abortFetch(id);
                    reject(abortError(signal));
                });
            }
        });
    }
    defineGlobal('fetch', fetch);

    // --- crypto ----------------------------------------------------------------------------------

    function randomUUID() {
        return host.randomUUID();
    }

    function getRandomValues(array) {
        if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array)
            throw new TypeError('The data argument must be an integer-type TypedArray');
        if (array.byteLength > 65536)
            throw new DOMException('The ArrayBufferView\'s byte length (' + array.byteLength + ') exceeds the number of bytes of entropy available via this API (65536)', 'QuotaExceededError');
        var bytes = fromBase64(host.randomBytes(array.byteLength));
        new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(bytes);
        return array;
    }
    var cryptoObject = { randomUUID: randomUUID, getRandomValues: getRandomValues };
    defineGlobal('crypto', cryptoObject);

    function toBytes(data, encoding) {
        if (typeof data === 'string')
            return Buffer.from(data, encoding || 'utf8');
        if (data instanceof ArrayBuffer)
            return new Uint8Array(data);
        if (ArrayBuffer.isView(data))
            return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
        throw new TypeError('The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView.');
    }

    function Digest(algorithm, key) {
        this._algorithm = String(algorithm).toLowerCase().replace('-', '');
        this._key = key === undefined ? null : toBytes(key);
        this._chunks = [];
        this._done = false;
        if (['sha1', 'sha256', 'sha384', 'sha512', 'md5'].indexOf(this._algorithm) < 0)
            throw new Error('Digest method not supported');
    }
    Digest.prototype.update = function (data, encoding) {
        if (this._done)
            throw new Error('Digest already called');
        this._chunks.push(Buffer.from(toBytes(data, encoding)));
        return this;
    };
    Digest.prototype.digest = function (encoding) {
        if (this._done)
            throw new Error('Digest already called');
        this._done = true;
        var data = toBase64(Buffer.concat(this._chunks));
        var result = fromBase64(this._key === null ? host.digest(this._algorithm, data)
            : host.hmac(this._algorithm, toBase64(this._key), data));
        return encoding === undefined || encoding === 'buffer' ? result : result.toString(encoding);
    };

    var cryptoModule = {
        createHash: function (algorithm) {
            return new Digest(algorithm);
        },
        createHmac: function (algorithm, key) {
            return new Digest(algorithm, key);
        },
        randomBytes: function (size) {
            return fromBase64(host.randomBytes(size));
        },
        randomUUID: randomUUID,
        getRandomValues: getRandomValues,
        webcrypto: cryptoObject
    };

    // --- @integration-app/sdk and @membranehq/sdk: the error classes connector code throws -------------

    function makeSdk() {
        var ErrorType = { BAD_REQUEST: 'bad_request', CONNECTION: 'connection', CONFIGURATION: 'configuration',
            INTERNAL: 'internal', DEPENDENCY: 'dependency', CUSTOM_CODE: 'custom_code', UNIT_RUN: 'unit_run' };
        var ConnectionErrorKey = { ACCESS_TOKEN_EXPIRED: 'access_token_expired',
            CONNECTION_IS_DEFUNCT: 'connection_is_defunct', RATE_LIMIT_EXCEEDED: 'rate_limit_exceeded' };
        var BadRequestErrorKey = { NOT_FOUND: 'not_found', NOT_AUTHENTICATED: 'not_authenticated',
            ACCESS_DENIED: 'access_denied', ALREADY_EXISTS: 'already_exists',
            RATE_LIMIT_EXCEEDED: 'rate_limit_exceeded' };

        function defineErrorClass(name, type, base) {
            var Parent = base || Error;
            function SdkError(argument) {
                var options = typeof argument === 'object' && argument !== null ? argument : { message: argument };
                var error = Reflect.construct(Parent, [options.message === undefined ? '' : String(options.message)],
                    new.target || SdkError);
                error.type = options.type || type;
                if (options.key !== undefined)
                    error.key = options.key;
                if (options.data !== undefined)
                    error.data = options.data;
                if (options.causedByError !== undefined)
                    error.causedByError = options.causedByError;
                return error;
            }
            SdkError.prototype = Object.create(Parent.prototype, {
                constructor: { value: SdkError, writable: true, configurable: true },
                name: { value: name, writable: true, configurable: true }
            });
            Object.setPrototypeOf(SdkError, Parent);
            SdkError.prototype.toJSON = function () {
                return { type: this.type, key: this.key, message: this.message, data: this.data };
            };
            return SdkError;
        }

        var IntegrationAppError = defineErrorClass('IntegrationAppError', ErrorType.INTERNAL);
        var sdk = {
            ErrorType: ErrorType,
            ConnectionErrorKey: ConnectionErrorKey,
            BadRequestErrorKey: BadRequestErrorKey,
            IntegrationAppError: IntegrationAppError,
            MembraneError: IntegrationAppError,
            BadRequestError: defineErrorClass('BadRequestError', ErrorType.BAD_REQUEST, IntegrationAppError),
            ConnectionError: defineErrorClass('ConnectionError', ErrorType.CONNECTION, IntegrationAppError),
            ConfigurationError: defineErrorClass('ConfigurationError', ErrorType.CONFIGURATION, IntegrationAppError),
            InternalError: defineErrorClass('InternalError', ErrorType.INTERNAL, IntegrationAppError),
            DependencyError: defineErrorClass('DependencyError', ErrorType.DEPENDENCY, IntegrationAppError),
            CustomCodeError: defineErrorClass('CustomCodeError', ErrorType.CUSTOM_CODE, IntegrationAppError)
        };
        sdk.NotFoundError = defineErrorClass('NotFoundError', ErrorType.BAD_REQUEST, sdk.BadRequestError);
        sdk.NotAuthenticatedError = defineErrorClass('NotAuthenticatedError', ErrorType.BAD_REQUEST, sdk.BadRequestError);
        sdk.AccessDeniedError = defineErrorClass('AccessDeniedError', ErrorType.BAD_REQUEST, sdk.BadRequestError);
        return sdk;
    }

    // --- apiClient -------------------------------------------------------------------------------

    // get(path, query?, options?) and post/put/patch/delete(path, data?, options?), through the
    // connection's API client (ScriptApiGateway): it builds the URL from makeApiClient's base URI,
    // adds its headers, query and auth, refreshes and retries once after a 401, backs off on 429, and
    // turns any other failure into a ConnectionError (with a key for the SDK's cases). Here: the
    // response's body as the options' responseType says (json, the default, falls back to the text),
    // or {data, status, headers} with returnFullResponse.
    function makeApiClient() {
        var sdk = global.__authdeskRequire('@membranehq/sdk');

        function decode(bytes, responseType) {
            if (responseType === 'arraybuffer')
                return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
            var text = bytes.toString('utf8');
            if (responseType !== undefined && responseType !== 'json')
                return text;
            if (text === '')
                return undefined;
            try {
                return JSON.parse(text);
            } catch (e) {
                return text;
            }
        }

        function send(method, path, query, data, options) {
            options = options === undefined || options === null ? {} : options;
            var rest = {};
            Object.keys(options).forEach(function (key) {
                if (key !== 'headers' && key !== 'query')
                    rest[key] = options[key];
            });
            var request = { method: method, path: String(path), query: Object.assign({}, options.query, query),
                data: data, headers: Object.assign({}, options.headers), options: rest };
            return new Promise(function (resolve, reject) {
                host.apiRequest(request, function (reply) {
                    if (reply.failure) {
                        reject(new sdk.ConnectionError({ message: reply.failure.message,
                            key: reply.failure.key || undefined, data: reply.failure.data }));
                        return;
                    }
                    var payload = decode(fromBase64(reply.body), options.responseType);
                    if (!options.returnFullResponse) {
                        resolve(payload);
                        return;
                    }
                    var headers = {};
                    reply.headers.forEach(function (pair) {
                        headers[pair[0]] = headers[pair[0]] === undefined ? pair[1] : headers[pair[0]] + ', ' + pair[1];
                    });
                    resolve({ data: payload, status: reply.status, headers: headers });
                });
            });
        }

        var client = {
            get: function (path, query, options) {
                return send('GET', path, query, undefined, options);
            }
        };
        ['post', 'put', 'patch', 'delete'].forEach(function (method) {
            client[method] = function (path, data, options) {
                return send(method.toUpperCase(), path, undefined, data, options);
            };
        });
        return client;
    }

    // --- axios -----------------------------------------------------------------------------------

    // axios' buildURL encoding: encodeURIComponent, then some characters back.
    function axiosEncode(value) {
        return encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%24/g, '$').replace(/%2C/gi, ',')
            .replace(/%20/g, '+').replace(/%5B/gi, '[').replace(/%5D/gi, ']');
    }

    function serializeParams(params) {
        if (params instanceof URLSearchParams)
            return params.toString();
        var parts = [];
        Object.keys(params).forEach(function (key) {
            var value = params[key];
            if (value === null || value === undefined)
                return;
            var name = key;
            var values = value;
            if (Array.isArray(value))
                name = key + '[]';
            else
                values = [value];
            values.forEach(function (item) {
                if (item instanceof Date)
                    item = item.toISOString();
                else if (item !== null && typeof item === 'object')
                    item = JSON.stringify(item);
                parts.push(axiosEncode(name) + '=' + axiosEncode(item));
            });
        });
        return parts.join('&');
    }

    function combineURL(baseURL, url) {
        if (!baseURL || /^([a-z][a-z\d+\-.]*:)?\/\//i.test(url || ''))
            return url || baseURL || '';
        if (!url)
            return baseURL;
        return baseURL.replace(/\/?\/$/, '') + '/' + url.replace(/^\/+/, '');
    }

    function mergeConfig(defaults, config) {
        var merged = {};
        Object.keys(defaults || {}).forEach(function (key) {
            merged[key] = defaults[key];
        });
        Object.keys(config || {}).forEach(function (key) {
            if (config[key] !== undefined)
                merged[key] = config[key];
        });
        var headers = {};
        [defaults && defaults.headers, config && config.headers].forEach(function (source) {
            if (!source)
                return;
            (source instanceof Headers ? Array.from(source.entries()) : Object.keys(source).map(function (key) {
                return [key, source[key]];
            })).forEach(function (entry) {
                headers[entry[0]] = entry[1];
            });
        });
        merged.headers = headers;
        return merged;
    }

    function makeAxios() {
        function AxiosError(message, code, config, request, response) {
            var error = Reflect.construct(Error, [message], new.target || AxiosError);
            error.name = 'AxiosError';
            error.code = code;
            error.config = config;
            error.request = request;
            error.response = response;
            error.status = response ? response.status : undefined;
            error.isAxiosError = true;
            return error;
        }
        AxiosError.prototype = Object.create(Error.prototype, {
            constructor: { value: AxiosError, writable: true, configurable: true }
        });
        AxiosError.prototype.toJSON = function () {
            return { message: this.message, name: this.name, code: this.code, status: this.status };
        };
        Object.setPrototypeOf(AxiosError, Error);

        function request(defaults, config) {
            config = mergeConfig(defaults, config);
            var method = String(config.method || 'get').toLowerCase();
            var headers = new Headers();
            headers.set('accept', 'application/json, text/plain, */*');
            Object.keys(config.headers).forEach(function (name) {
                var value = config.headers[name];
                if (value !== undefined && value !== null && value !== false)
                    headers.set(name, String(value));
            });
            var data = config.data;
            var body;
            if (data === undefined || data === null) {
                body = undefined;
            } else if (data instanceof URLSearchParams) {
                if (!headers.has('content-type'))
                    headers.set('content-type', 'application/x-www-form-urlencoded;charset=utf-8');
                body = data.toString();
            } else if (typeof data === 'string' || data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
                body = data;
            } else if (typeof data === 'object') {
                var contentType = headers.get('content-type') || '';
                if (contentType.indexOf('application/x-www-form-urlencoded') >= 0) {
                    body = serializeParams(data);
                } else {
                    if (!contentType)
                        headers.set('content-type', 'application/json');
                    body = JSON.stringify(data);
                }
            } else {
                body = String(data);
            }
            if (config.auth) {
                var credentials = (config.auth.username || '') + ':' + (config.auth.password ? unescape(encodeURIComponent(config.auth.password)) : '');
                headers.set('authorization', 'Basic ' + btoa(credentials));
            }
            var url = combineURL(config.baseURL, config.url);
            if (config.params) {
                var query = serializeParams(config.params);
                if (query) {
                    var hash = url.indexOf('#');
                    if (hash >= 0)
                        url = url.slice(0, hash);
                    url += (url.indexOf('?') === -1 ? '?' : '&') + query;
                }
            }
            var controller = new AbortController();
            var timer = null;
            if (config.timeout > 0) {
                timer = setTimeout(function () {
                    controller.abort(new AxiosError('timeout of ' + config.timeout + 'ms exceeded', 'ECONNABORTED', config));
                }, config.timeout);
            }
            if (config.signal && typeof config.signal.addEventListener === 'function') {
                config.signal.addEventListener('abort', function () {
                    controller.abort(new AxiosError('canceled', 'ERR_CANCELED', config));
                });
            }
            var requestInfo = { method: method.toUpperCase(), url: url };
            return fetch(url, { method: method.toUpperCase(), headers: headers, body: body, signal: controller.signal })
                .then(function (fetched) {
                    if (timer !== null)
                        clearTimeout(timer);
                    return fetched.arrayBuffer().then(function (buffer) {
                        var responseHeaders = {};
                        fetched.headers.forEach(function (value, name) {
                            responseHeaders[name] = value;
                        });
                        var responseType = config.responseType || 'json';
                        var payload;
                        if (responseType === 'arraybuffer') {
                            payload = Buffer.from(buffer);
                        } else {
                            payload = new TextDecoder().decode(buffer);
                            if (responseType === 'json' && payload.length > 0) {
                                try {
                                    payload = JSON.parse(payload);
                                } catch (e) {
                                    // axios returns the text when it is not JSON
                                }
                            }
                        }
                        var response = { data: payload, status: fetched.status, statusText: fetched.statusText,
                            headers: responseHeaders, config: config, request: requestInfo };
                        var validate = config.validateStatus === undefined ? function (status) {
                            return status >= 200 && status < 300;
                        } : config.validateStatus;
                        if (!validate || validate(fetched.status))
                            return response;
                        throw new AxiosError('Request failed with status code ' + fetched.status,
                            fetched.status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST', config, requestInfo, response);
                    });
                }, function (error) {
                    if (timer !== null)
                        clearTimeout(timer);
                    if (error && error.isAxiosError)
                        throw error;
                    throw new AxiosError(error && error.cause ? error.cause.message : String(error && error.message),
                        'ERR_NETWORK', config, requestInfo);
                });
        }

        function createInstance(defaults) {
            function instance(urlOrConfig, config) {
                if (typeof urlOrConfig === 'string')
                    return request(defaults, mergeConfig(config, { url: urlOrConfig }));
                return request(defaults, urlOrConfig);
            }
            instance.defaults = defaults;
            instance.request = function (config) {
                return request(defaults, config);
            };
            ['get', 'delete', 'head', 'options'].forEach(function (method) {
                instance[method] = function (url, config) {
                    return request(defaults, mergeConfig(config, { method: method, url: url }));
                };
            });
            ['post', 'put', 'patch'].forEach(function (method) {
                instance[method] = function (url, data, config) {
                    return request(defaults, mergeConfig(config, { method: method, url: url, data: data }));
                };
            });
            instance.create = function (config) {
                return createInstance(mergeConfig(defaults, config));
            };
            instance.isAxiosError = function (value) {
                return Boolean(value && value.isAxiosError);
            };
            instance.AxiosError = AxiosError;
            return instance;
        }

        var axios = createInstance({ headers: {} });
        axios.default = axios;
        return axios;
    }

    return { makeAxios: makeAxios, makeSdk: makeSdk, makeApiClient: makeApiClient, cryptoModule: cryptoModule };
});
