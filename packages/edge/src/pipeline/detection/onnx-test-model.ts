// Test support: writes a tiny ONNX model (protobuf bytes by hand) whose output is a fixed YOLO-layout tensor.

type Field = [number, number | string | Uint8Array];

function varint(n: number): number[] {
  const out: number[] = [];
  let v = BigInt(n);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

/** Encodes protobuf fields in order: numbers as varints (wire type 0), strings and bytes length-delimited (2). */
function message(fields: Field[]): Uint8Array {
  const bytes: number[] = [];
  for (const [no, value] of fields) {
    if (typeof value === 'number') {
      bytes.push(...varint(no << 3), ...varint(value));
      continue;
    }
    const body = typeof value === 'string' ? new TextEncoder().encode(value) : value;
    bytes.push(...varint((no << 3) | 2), ...varint(body.length), ...body);
  }
  return Uint8Array.from(bytes);
}

const FLOAT = 1;

function tensor(name: string, dims: number[], values: number[]): Uint8Array {
  const raw = new Uint8Array(Float32Array.from(values).buffer);
  return message([...dims.map((d): Field => [1, d]), [2, FLOAT], [8, name], [9, raw]]);
}

function valueInfo(name: string, dims: number[]): Uint8Array {
  const shape = message(dims.map((d): Field => [1, message([[1, d]])]));
  return message([[1, name], [2, message([[1, message([[1, FLOAT], [2, shape]])]])]]);
}

function node(op: string, inputs: string[], output: string, attrs: Uint8Array[] = []): Uint8Array {
  return message([...inputs.map((i): Field => [1, i]), [2, output], [3, `${op}_${output}`], [4, op], ...attrs.map((a): Field => [5, a])]);
}

/**
 * An ONNX model (opset 13) with input `images` `[1, 3, size, size]` and output `output0` = `values` shaped `dims`;
 * the output depends on the input (`values + 0 * mean(images)`) so the runtime cannot drop the input.
 */
export function buildConstantYoloModel(size: number, dims: number[], values: number[]): Uint8Array {
  const keepdims0 = message([[1, 'keepdims'], [3, 0], [20, 2]]);
  const graph = message([
    [1, node('ReduceMean', ['images'], 'mean', [keepdims0])],
    [1, node('Mul', ['mean', 'zero'], 'nothing')],
    [1, node('Add', ['values', 'nothing'], 'output0')],
    [2, 'tiny-yolo'],
    [5, tensor('values', dims, values)],
    [5, tensor('zero', [], [0])],
    [11, valueInfo('images', [1, 3, size, size])],
    [12, valueInfo('output0', dims)],
  ]);
  return message([[1, 8], [2, 'camnet-test'], [7, graph], [8, message([[1, ''], [2, 13]])]]);
}
