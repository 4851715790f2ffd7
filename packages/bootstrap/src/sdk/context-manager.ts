// biome-ignore-all lint/complexity/noArguments: a bound call passes its arguments on without copying them.
import { AsyncLocalStorage } from "node:async_hooks";
import { EventEmitter } from "node:events";
import type { Context, ContextManagementToken, ContextManager } from "@opentelemetry/api";

/** The context an emitter was bound to; the first binding wins, as in OpenTelemetry's. */
const boundContext = Symbol("logtrace.boundContext");

type Callable = (...args: unknown[]) => unknown;
type BindableEmitter = EventEmitter & { [boundContext]?: Context };

/** Static, so that running a call in a context allocates no closure. */
function applyTo(fn: Callable, self: unknown, args: ArrayLike<unknown>): unknown {
  return Reflect.apply(fn, self, args);
}

type Wrap = (manager: LeanContextManager, context: Context, target: Callable) => Callable;

/**
 * A bound function keeps the target's arity (Express tells error handlers by it). Declared
 * parameters give it for the usual arities; setting `length` is much slower.
 */
const WRAP_BY_ARITY: readonly Wrap[] = [
  (manager, context, target) =>
    function (this: unknown) {
      return manager.runIn(context, target, this, arguments);
    },
  (manager, context, target) =>
    function (this: unknown, _1: unknown) {
      return manager.runIn(context, target, this, arguments);
    },
  (manager, context, target) =>
    function (this: unknown, _1: unknown, _2: unknown) {
      return manager.runIn(context, target, this, arguments);
    },
  (manager, context, target) =>
    function (this: unknown, _1: unknown, _2: unknown, _3: unknown) {
      return manager.runIn(context, target, this, arguments);
    },
  (manager, context, target) =>
    function (this: unknown, _1: unknown, _2: unknown, _3: unknown, _4: unknown) {
      return manager.runIn(context, target, this, arguments);
    },
];

/**
 * The context manager of the lean SDK: AsyncLocalStorage, like OpenTelemetry's, with the same
 * contract, made cheap for what every traced request does. The http instrumentation binds each
 * request and response; OpenTelemetry's binding replaces six methods on each and wraps every
 * listener added later. Here binding replaces `emit` once, so every listener of the emitter runs
 * in the bound context; an event nobody listens to, or a call already in the context it asks
 * for, does not enter it.
 */
export class LeanContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();

  constructor(private readonly root: Context) {}

  active(): Context {
    return this.storage.getStore() ?? this.root;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.runIn(context, fn as unknown as Callable, thisArg, args) as ReturnType<F>;
  }

  /** `with` for an argument list at hand. */
  runIn(context: Context, fn: Callable, self: unknown, args: ArrayLike<unknown>): unknown {
    if (this.storage.getStore() === context) return Reflect.apply(fn, self, args);
    return this.storage.run(context, applyTo, fn, self, args);
  }

  bind<T>(context: Context, target: T): T {
    if (target instanceof EventEmitter) return this.bindEmitter(context, target) as T;
    if (typeof target === "function") return this.bindFunction(context, target as Callable) as T;
    return target;
  }

  attach(context: Context): ContextManagementToken {
    const storage = this.storage as AsyncLocalStorage<Context> & {
      withScope?: (store: Context) => ContextManagementToken;
    };
    if (storage.withScope) return storage.withScope(context);
    const previous = this.active();
    storage.enterWith(context);
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        storage.enterWith(previous);
      },
    };
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.storage.disable();
    return this;
  }

  private bindFunction(context: Context, target: Callable): Callable {
    const wrap = WRAP_BY_ARITY[target.length];
    if (wrap) return wrap(this, context, target);
    const bound = WRAP_BY_ARITY[0]?.(this, context, target) as Callable;
    Object.defineProperty(bound, "length", { value: target.length });
    return bound;
  }

  private bindEmitter(context: Context, emitter: BindableEmitter): EventEmitter {
    if (emitter[boundContext] !== undefined) return emitter;
    emitter[boundContext] = context;
    const manager = this;
    const emit = emitter.emit;
    emitter.emit = function (this: EventEmitter, event: string | symbol) {
      // "error" also reaches errorMonitor listeners, which listenerCount does not count.
      if (event !== "error" && this.listenerCount(event) === 0) {
        return Reflect.apply(emit, this, arguments);
      }
      return manager.runIn(context, emit as Callable, this, arguments) as boolean;
    };
    return emitter;
  }
}
