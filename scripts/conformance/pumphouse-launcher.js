'use strict';
/* global setTimeout, clearTimeout */

// The launcher seam: scripts/conformance copies this file next to pump.io's test/lib/app.js in a throwaway copy
// of pump.io's tests and makes app.js take `setupAppConfig` from here. Where pump.io forks its own server
// (test/lib/app-standalone.js, which merges test/config.json with the test's config), this writes the same
// merged config to a file and starts `pumphouse start -c <that file>` from this checkout's dist/ instead.
//
// It runs inside pump.io's test process, on the Node that runs pump.io (14), so it is plain ES2019 CommonJS.
// The runner passes, through the environment:
//   CONFORMANCE_PUMPHOUSE_NODE  the Node that runs Pumphouse (20 or later)
//   CONFORMANCE_PUMPHOUSE_BIN   <this checkout>/bin/pumphouse.js
//   CONFORMANCE_SERVERS_DIR     a folder for this test file: one sub-folder per server, and servers.jsonl, one
//                               line per start (the config, and whether Pumphouse listened or refused it).

const childProcess = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');

// Generous: the machine running the suite may be busy.
const START_DEADLINE_MS = 60000;
const STOP_GRACE_MS = 10000;
const PREVIOUS_STOP_DEADLINE_MS = 20000;
const POLL_MS = 100;
const LOG_TAIL_CHARS = 1500;

// pump.io reads PUMPIO_*, Pumphouse reads PUMPIO_* and PUMPHOUSE_*; NODE_PATH and the runner's variables are for
// this test process only. None of them may reach a server.
const NOT_FOR_SERVERS = /^(PUMPIO_|PUMPHOUSE_|CONFORMANCE_|NODE_PATH$|NODE_OPTIONS$)/;
const READ_BY_SERVERS = /^(PUMPIO_|PUMPHOUSE_)/;

function fromRunner(name) {
  const value = process.env[name];
  if (!value)
    throw new Error(`pumphouse-launcher: ${name} is not set (run this through npm run conformance)`);
  return value;
}

const pumphouseNode = fromRunner('CONFORMANCE_PUMPHOUSE_NODE');
const pumphouseBin = fromRunner('CONFORMANCE_PUMPHOUSE_BIN');
const serversDir = fromRunner('CONFORMANCE_SERVERS_DIR');
const testConfig = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'config.json'), 'utf8'));

const OFF = { points: 0, durationSeconds: 60 };
const RATE_LIMITS_OFF = {
  login: OFF,
  registration: OFF,
  apiWrites: OFF,
  clientRegistration: OFF,
  inboxDeliveries: OFF,
};

let started = 0;
const running = new Set();

function serverEnvironment() {
  const env = {};
  Object.keys(process.env).forEach((name) => {
    if (!NOT_FOR_SERVERS.test(name)) env[name] = process.env[name];
  });
  return env;
}

function record(entry) {
  fs.appendFileSync(path.join(serversDir, 'servers.jsonl'), `${JSON.stringify(entry)}\n`);
}

function tail(file) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.length > LOG_TAIL_CHARS ? `...${text.slice(-LOG_TAIL_CHARS)}` : text;
  } catch (error) {
    return `(no output: ${error.message})`;
  }
}

// What app-standalone.js does with the config before pump.io sees it: test/config.json, then every key of the
// test's config through JSON, then the port as a number.
function mergedConfig(config) {
  const merged = JSON.parse(JSON.stringify(testConfig));
  Object.keys(config).forEach((key) => {
    merged[key] = JSON.parse(JSON.stringify(config[key]));
  });
  merged.port = parseInt(merged.port, 10);
  // The one key added to what the test wrote: pump.io has no rate limits, and its files register dozens of users
  // (up to 150) from one address within seconds, which Pumphouse's per-address limits refuse with 429 by design
  // (README, "Stricter than pump.io"). A test's own rateLimits, if one ever sets it, is kept.
  if (merged.rateLimits === undefined) merged.rateLimits = RATE_LIMITS_OFF;
  // The tests' SMTP sink (smtp-server's defaults) offers STARTTLS with a self-signed certificate, which pump.io
  // never checks and Pumphouse does unless told not to (README, "Email").
  if (merged.smtpserver !== undefined && merged.smtpcheckcert === undefined) merged.smtpcheckcert = false;
  return merged;
}

function accepts(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// A test that closes one server and starts the next on the same port must not find the old one still there.
async function waitForStoppedServers() {
  const until = Date.now() + PREVIOUS_STOP_DEADLINE_MS;
  const stopping = () => Array.from(running).filter((server) => server.stopping);
  while (stopping().length > 0 && Date.now() < until) await delay(POLL_MS);
  stopping().forEach((server) => server.child.kill('SIGKILL'));
}

async function start(config) {
  await waitForStoppedServers();
  started += 1;
  const dir = path.join(serversDir, `s${started}`);
  fs.mkdirSync(dir, { recursive: true });
  // Each server's control socket in its own folder: some files run two servers on one datadir at once (upload-file,
  // on ports 4815 and 4816), and Pumphouse refuses a second master whose control socket (by default in the data
  // folder) already answers. pump.io has no such socket by default.
  if (config.controlSocket === undefined)
    config = { ...config, controlSocket: path.join(dir, 'pumphouse.sock') };
  const configFile = path.join(dir, 'config.json');
  fs.writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  const outputFile = path.join(dir, 'output.log');
  const output = fs.openSync(outputFile, 'a');
  const stripped = Object.keys(process.env).filter((name) => READ_BY_SERVERS.test(name));
  const child = childProcess.spawn(pumphouseNode, [pumphouseBin, 'start', '-c', configFile], {
    cwd: dir,
    env: serverEnvironment(),
    stdio: ['ignore', output, output],
  });
  fs.closeSync(output);
  const server = { child, stopping: false, exited: false };
  running.add(server);
  child.once('exit', () => {
    server.exited = true;
    running.delete(server);
  });
  const entry = { server: started, configFile, config, strippedVariables: stripped };
  const host = config.address || config.hostname;
  const until = Date.now() + START_DEADLINE_MS;
  for (;;) {
    if (server.exited) {
      record(Object.assign(entry, { outcome: 'refused', output: tail(outputFile) }));
      throw new Error(`Pumphouse exited before listening on ${host}:${config.port}:\n${tail(outputFile)}`);
    }
    if (await accepts(host, config.port)) break;
    if (Date.now() > until) {
      child.kill('SIGKILL');
      record(Object.assign(entry, { outcome: 'no answer', output: tail(outputFile) }));
      throw new Error(
        `Pumphouse did not accept connections on ${host}:${config.port} in ${START_DEADLINE_MS} ms`,
      );
    }
    await delay(POLL_MS);
  }
  record(Object.assign(entry, { outcome: 'listening' }));
  return server;
}

function stop(server) {
  if (server.exited || server.stopping) return;
  server.stopping = true;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), STOP_GRACE_MS);
  timer.unref();
  server.child.once('exit', () => clearTimeout(timer));
}

// Same contract as pump.io's setupAppConfig: fills in port, hostname and secret on the caller's object, calls
// back once with (err) or (null, app) where app.close() stops the server.
function setupAppConfig(config, callback) {
  config.port = config.port || 4815;
  config.hostname = config.hostname || 'localhost';
  config.secret = config.secret || 'oooo scandalous';
  start(mergedConfig(config)).then(
    (server) =>
      callback(null, {
        close: () => stop(server),
        // These two reach into pump.io's own database from its worker process; Pumphouse has no such hook.
        killCred: (webfinger, cb) => cb(new Error('killCred: not available when the server is Pumphouse')),
        changeObject: (obj, cb) => cb(new Error('changeObject: not available when the server is Pumphouse')),
      }),
    (error) => callback(error, null),
  );
}

// pump.io's test helpers turn most error answers into a bare "OAuthJSONError": note every answer of 400 or more
// that the test read (method, path, status, start of the body) in responses.jsonl, so a failure can be traced to
// what the server said. Passive: it only watches the events the test's own listeners receive.
const BODY_CHARS = 500;
const originalEmit = http.IncomingMessage.prototype.emit;
http.IncomingMessage.prototype.emit = function emit(event, chunk) {
  if (this.req && this.statusCode >= 400) {
    if (event === 'data' && chunk && (this.conformanceBody || '').length < BODY_CHARS) {
      this.conformanceBody = (this.conformanceBody || '') + String(chunk);
    } else if (event === 'end') {
      const line = {
        method: this.req.method,
        path: this.req.path,
        status: this.statusCode,
        body: (this.conformanceBody || '').slice(0, BODY_CHARS),
      };
      fs.appendFileSync(path.join(serversDir, 'responses.jsonl'), `${JSON.stringify(line)}\n`);
    }
  }
  return originalEmit.apply(this, arguments);
};

// A test process that ends (or is killed by its deadline) leaves no server behind; the namespace is the backstop.
process.on('exit', () => running.forEach((server) => server.child.kill('SIGKILL')));

exports.setupAppConfig = setupAppConfig;
