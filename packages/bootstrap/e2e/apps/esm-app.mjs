import "./first-line.cjs";
import { withTraceContext } from "@logtrace/pino";
import express from "express";
import pino from "pino";
import serveModule from "./serve.cjs";

serveModule.serve({ express, pino, withTraceContext });
