import axios = require('axios');
export = axios;