export {
  type AdapterHarness,
  type ContractCase,
  type ContractLogger,
  type ContractOptions,
  runAdapterContract,
} from "./adapter-contract.js";
