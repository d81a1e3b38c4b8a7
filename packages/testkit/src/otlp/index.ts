export { decodeTraceRequest, type ReceivedSpan } from './decode-otlp-json.ts';
export { type OtlpReceiver, type ReceivedExport, startOtlpReceiver } from './otlp-receiver.ts';
