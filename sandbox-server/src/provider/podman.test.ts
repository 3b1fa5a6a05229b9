// Pure parts of the podman backend; the rest runs against real podman in
// server.integration.test.ts.
import { describe, expect, it } from 'vitest';
import { StreamDemuxer } from './podman.ts';

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

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
