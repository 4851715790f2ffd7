require("./first-line.cjs");
const { withTraceContext } = require("@logtrace/pino");
const express = require("express");
const pino = require("pino");

require("./serve.cjs").serve({ express, pino, withTraceContext });
