/**
 * Receivers: thin transports that turn datagrams, captured frames and capture files into
 * {@link io.postern.orchestrator.receive.ReceivedPacket}s for a {@link io.postern.orchestrator.receive.PacketSink}.
 * They never decode SPA themselves; the pipeline hands each payload to {@code io.postern.spa.codec.SpaDecoder}.
 * Live capture and file replay share one {@link io.postern.orchestrator.receive.FrameParser}, so the two cannot
 * disagree on how a frame is taken apart (fwknopd's {@code server/process_packet.c}, extended to IPv6).
 */
package io.postern.orchestrator.receive;
