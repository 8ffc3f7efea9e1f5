// A small HTTP proxy between the browser and the Vern server under test.
// Tests switch it off to cut the network for every request the browser
// makes, the service worker's included: Chromium's emulated offline mode
// (`context.setOffline`) let a service worker of a reopened persistent
// profile reach the server. It counts what it forwarded and refused, so a
// test can show that the server saw nothing while the phone was offline.
//
// It can also stand in for a bad network on one path (a fault):
// - `hang`: the request is never answered (signal bars but no data);
// - `gateway`: 504 from a gateway in front of Vern;
// - `portal`: a captive portal's login page in Vern's place;
// - `next-version`: the page of a newer build whose files cannot be fetched.
//
// Control (from the test process, never forwarded): POST /__e2e/offline,
// POST /__e2e/online, POST /__e2e/fault?path=/runde&mode=hang (no mode:
// clears it), GET /__e2e/stats.
'use strict';
const http = require('http');

function control(request, response, state) {
  const url = new URL(request.url, 'http://proxy');
  if (request.method === 'POST' && url.pathname === '/__e2e/offline') state.offline = true;
  if (request.method === 'POST' && url.pathname === '/__e2e/online') state.offline = false;
  if (request.method === 'POST' && url.pathname === '/__e2e/fault') {
    state.fault = url.searchParams.get('mode') ? { path: url.searchParams.get('path'), mode: url.searchParams.get('mode') } : null;
  }
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(state));
}

// Answers a request on the faulty path as the fault says; false when the
// request is not affected.
function fault(request, response, state, targetPort) {
  const { fault } = state;
  const path = request.url.split('?')[0];
  if (path.startsWith('/pkg/next-')) {
    response.writeHead(404);
    response.end();
    return true;
  }
  if (!fault || path !== fault.path) return false;
  state.faulted += 1;
  if (fault.mode === 'hang') return true; // never answered
  if (fault.mode === 'gateway') {
    response.writeHead(504, { 'content-type': 'text/html' });
    response.end('<h1>504 Gateway Time-out</h1>');
  } else if (fault.mode === 'portal') {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<h1>Velkommen til gjestenettet</h1><p>Godta vilkårene for å bruke nettet.</p>');
  } else if (fault.mode === 'next-version') {
    forward(request, response, targetPort, (html) => html.replace(/\/pkg\//g, '/pkg/next-'));
  }
  return true;
}

function forward(request, response, targetPort, rewrite) {
  const headers = { ...request.headers };
  if (rewrite) delete headers['accept-encoding'];
  const upstream = http.request(
    { host: '127.0.0.1', port: targetPort, method: request.method, path: request.url, headers },
    (answer) => {
      if (!rewrite) {
        response.writeHead(answer.statusCode, answer.rawHeaders);
        answer.pipe(response);
        return;
      }
      const chunks = [];
      answer.on('data', (chunk) => chunks.push(chunk));
      answer.on('end', () => {
        const body = rewrite(Buffer.concat(chunks).toString('utf8'));
        const kept = { ...answer.headers };
        delete kept['content-length'];
        response.writeHead(answer.statusCode, kept);
        response.end(body);
      });
    },
  );
  // The server went away (a test kills it): the browser sees a dropped connection.
  upstream.on('error', () => request.socket.destroy());
  request.pipe(upstream);
}

/** Starts a proxy on `listenPort` for the server on `targetPort`; resolves to the http.Server. */
function startProxy(listenPort, targetPort) {
  const state = { offline: false, fault: null, forwarded: 0, refused: 0, faulted: 0 };
  const server = http.createServer((request, response) => {
    if (request.url.startsWith('/__e2e/')) return control(request, response, state);
    if (state.offline) {
      state.refused += 1;
      request.socket.destroy();
      return;
    }
    if (fault(request, response, state, targetPort)) return;
    state.forwarded += 1;
    forward(request, response, targetPort);
  });
  return new Promise((resolve) => server.listen(listenPort, '127.0.0.1', () => resolve(server)));
}

module.exports = { startProxy };

if (require.main === module) {
  const target = Number(process.env.VERN_E2E_PORT ?? 3100);
  const listen = Number(process.env.VERN_E2E_PROXY_PORT ?? target + 1);
  startProxy(listen, target).then(() => console.log(`e2e proxy on ${listen} for ${target}`));
}
