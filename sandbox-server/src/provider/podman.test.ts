// Pure parts of the podman backend; the rest runs against real podman in
// server.integration.test.ts.
import { describe, expect, it } from 'vitest';
import { StreamDemuxer } from './podman.ts';

function frame(stream: number, payload: Buffer | string): Buffer {
  const bytes = Buffer.from(payload);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(bytes.length, 4);
  return Buffer.concat([header, bytes]);
}
const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');

describe('StreamDemuxer', () => {
  it('splits interleaved stdout and stderr frames', () => {
    const demuxer = new StreamDemuxer();
    demuxer.push(Buffer.concat([frame(1, 'out-1 '), frame(2, 'err-1'), frame(1, 'out-2')]));
    expect(Buffer.concat(demuxer.stdout).toString()).toBe('out-1 out-2');
    expect(Buffer.concat(demuxer.stderr).toString()).toBe('err-1');
  });

  it('reassembles frames and multi-byte characters cut at any byte', () => {
    const whole = Buffer.concat([frame(1, '容器 greeter'), frame(2, 'é'), frame(1, '')]);
    for (let cut = 1; cut < whole.length; cut++) {
      const demuxer = new StreamDemuxer();
      demuxer.push(whole.subarray(0, cut));
      demuxer.push(whole.subarray(cut));
      expect(Buffer.concat(demuxer.stdout).toString(), `cut at ${cut}`).toBe('容器 greeter');
      expect(Buffer.concat(demuxer.stderr).toString(), `cut at ${cut}`).toBe('é');
    }
  });

  it('holds an incomplete frame until the rest arrives', () => {
    const demuxer = new StreamDemuxer();
    const whole = frame(1, 'abcdef');
    demuxer.push(whole.subarray(0, 10));
    expect(demuxer.stdout).toHaveLength(0);
    demuxer.push(whole.subarray(10));
    expect(Buffer.concat(demuxer.stdout).toString()).toBe('abcdef');
  });
});

describe('StreamDemuxer, rest of the format', () => {
  it('puts stdin frames (type 0) with stdout, as the Docker API documents', () => {
    const demuxer = new StreamDemuxer();
    demuxer.push(Buffer.concat([frame(0, 'echoed '), frame(1, 'out'), frame(2, 'err')]));
    expect(text(demuxer.stdout)).toBe('echoed out');
    expect(text(demuxer.stderr)).toBe('err');
  });

  it('reads frame sizes as 32-bit: a frame over 64 KiB arriving in pieces stays whole', () => {
    const big = Buffer.alloc(70_000 + 3, 'y');
    const whole = Buffer.concat([frame(1, big), frame(2, 'after')]);
    const demuxer = new StreamDemuxer();
    for (let at = 0; at < whole.length; at += 4096) demuxer.push(whole.subarray(at, at + 4096));
    expect(Buffer.concat(demuxer.stdout).equals(big)).toBe(true);
    expect(text(demuxer.stderr)).toBe('after');
  });

  it('produces nothing from a lone or partial header', () => {
    const demuxer = new StreamDemuxer();
    demuxer.push(frame(1, 'abc').subarray(0, 7));
    expect(demuxer.stdout).toEqual([]);
    expect(demuxer.stderr).toEqual([]);
  });

  it('keeps its output when the caller reuses the chunk it pushed', () => {
    const demuxer = new StreamDemuxer();
    const chunk = frame(1, 'original');
    demuxer.push(chunk);
    chunk.fill(0x41);
    expect(text(demuxer.stdout)).toBe('original');
  });
});
