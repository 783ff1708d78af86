/**
 * Desk agents (engine/des/desks.ts) one call at a time, on hand-made cases whose every figure is
 * worked out in the comments: the layout of groups, who can take a chat or a call, the virtual
 * clock of the chat pace, and the shift moves (join, leave when idle, turn leaving, stay).
 */
import { describe, expect, it } from 'vitest';
import { AgentState, Desks } from '../../engine/des/desks.js';

/** Group 0 without chat, group 1: 3 agents with 2 sessions at most and slowdown 0.5, group 2: 2 agents, 3 sessions, no slowdown. */
function desks(): Desks {
  return new Desks([undefined, { agents: 3, cap: 2, slowdown: 0.5 }, { agents: 2, cap: 3, slowdown: 0 }]);
}

describe('Desks', () => {
  it('lays groups out one after the other; agents join in index order, as many as are absent', () => {
    const d = desks();
    expect([0, 1, 2].map((g) => d.isDesk(g))).toEqual([false, true, true]);
    expect([...d.first]).toEqual([0, 0, 3, 5]);
    expect([...d.group]).toEqual([1, 1, 1, 2, 2]);
    expect([...d.state]).toEqual([0, 0, 0, 0, 0]); // all ABSENT
    const scratch = new Int32Array(3);
    expect(d.join(1, 2, scratch)).toBe(2);
    expect([...scratch.slice(0, 2)]).toEqual([0, 1]);
    expect(d.join(1, 5, scratch)).toBe(1); // only agent 2 was left
    expect(scratch[0]).toBe(2);
    expect(d.join(1, 1, scratch)).toBe(0);
    expect(d.join(2, 2, scratch)).toBe(2);
    expect([...scratch.slice(0, 2)]).toEqual([3, 4]);
    expect([...d.onDuty]).toEqual([0, 3, 2]);
    expect([...d.state]).toEqual([AgentState.PRESENT, AgentState.PRESENT, AgentState.PRESENT, AgentState.PRESENT, AgentState.PRESENT]);
  });

  it('a chat goes to the least loaded agent not on a call, a call to an empty one (or, while chatting, one not on a call)', () => {
    const d = desks();
    const scratch = new Int32Array(3);
    d.join(1, 3, scratch);
    expect(d.forChat(1, 2)).toBe(2); // all empty: the most recently listed
    expect(d.forCall(1, false)).toBe(2);
    d.startCall(2, 4);
    expect(d.isEmpty(2)).toBe(false);
    expect(d.forCall(1, false)).toBe(1);
    expect(d.forChat(1, 2)).toBe(1);
    d.now = 0; d.work = 100;
    d.addSession(1, 7);
    d.addSession(0, 7);
    // agents 0 and 1 hold one session, 2 is on a call: no call for an agent without `whileChatting`
    expect(d.forCall(1, false)).toBe(-1);
    expect(d.forCall(1, true)).toBe(0);
    expect(d.forChat(1, 2)).toBe(0);
    expect(d.forChat(1, 1)).toBe(-1); // a channel with concurrency 1 needs an agent without sessions
    d.addSession(0, 7);
    expect(d.forChat(1, 2)).toBe(1); // agent 0 is full
    expect(d.endCall(2)).toBe(4);
    expect(d.isEmpty(2)).toBe(true);
    expect(d.forChat(1, 2)).toBe(2); // back in the list, empty
    expect(d.forCall(1, false)).toBe(2);
  });

  it('the chat pace: sessions share the agent at 1/(1 + s·(n − 1)); the work left carries over; ends in order of virtual end', () => {
    const d = desks();
    const scratch = new Int32Array(3);
    d.join(1, 3, scratch);
    d.now = 0; d.work = 100;
    expect(d.addSession(0, 7)).toBe(true); // a new earliest end
    d.nextEnd(0);
    expect(d.endAt).toBe(100);
    d.now = 50; d.work = 100;
    // clock at 50; the new session ends at virtual 150, after the first, but the pace changes (s > 0)
    expect(d.addSession(0, 8)).toBe(true);
    d.nextEnd(0);
    expect(d.endAt).toBe(125); // 50 + (100 − 50) × 1.5
    d.now = 125;
    expect(d.endSession(0)).toBe(7);
    expect(d.headDue(0)).toBe(false);
    d.nextEnd(0);
    expect(d.endAt).toBe(175); // alone again: 150 − 100 of work left at pace 1
    d.now = 175;
    expect(d.endSession(0)).toBe(8);
    expect(d.load[0]).toBe(0);
    expect(d.headDue(0)).toBe(false);
    d.nextEnd(0);
    expect(d.endAt).toBe(Infinity);
    // group 2, no slowdown: a later session does not move the agent's next end, an earlier one does
    d.join(2, 2, scratch);
    d.now = 0; d.work = 100;
    expect(d.addSession(3, 1)).toBe(true);
    d.now = 10; d.work = 200;
    expect(d.addSession(3, 2)).toBe(false);
    d.now = 20; d.work = 50;
    expect(d.addSession(3, 3)).toBe(true);
    d.nextEnd(3);
    expect(d.endAt).toBe(70);
    d.now = 70;
    expect(d.endSession(3)).toBe(3);
    d.now = 100;
    expect(d.endSession(3)).toBe(1);
    d.now = 210;
    expect(d.endSession(3)).toBe(2);
    // two sessions with the same virtual end: the second is due the moment the first ends
    d.now = 0; d.work = 100;
    d.addSession(4, 5);
    d.addSession(4, 6);
    d.now = 100;
    const first = d.endSession(4);
    expect(d.headDue(4)).toBe(true);
    expect([first, d.endSession(4)].sort()).toEqual([5, 6]);
    expect(d.headDue(4)).toBe(false);
  });

  it('shifts: idle agents leave at once, agents with a free slot turn leaving, full or busy ones are left to finish; kept agents take work again', () => {
    const d = desks();
    const scratch = new Int32Array(3);
    d.join(1, 3, scratch);
    d.now = 0; d.work = 100;
    d.addSession(0, 7); // agent 0: 1 session of 2
    d.startCall(2, 4); // agent 2: on a call
    // staff drop by 2: one empty agent (1) leaves now
    expect(d.leaveIdle(1, 2)).toBe(1);
    expect(d.state[1]).toBe(AgentState.ABSENT);
    expect(d.onDuty[1]).toBe(2);
    expect(d.leaveIdle(1, 1)).toBe(0); // nobody else is empty
    // the other departure is owed: agent 0 has a free slot, turns leaving; agent 2 (on a call) is left alone
    d.owed[1] = 1;
    d.markSpare(1);
    expect([d.state[0], d.state[2]]).toEqual([AgentState.LEAVING, AgentState.PRESENT]);
    expect([d.owed[1], d.leaving[1]]).toEqual([0, 1]);
    expect(d.forChat(1, 2)).toBe(-1); // nobody takes a chat: 0 leaving, 1 absent, 2 on a call
    // staff rise by 1: agent 0 stays after all and takes chats again
    expect(d.stay(1, 1, scratch)).toBe(1);
    expect(scratch[0]).toBe(0);
    expect([d.state[0], d.leaving[1]]).toEqual([AgentState.PRESENT, 0]);
    expect(d.forChat(1, 2)).toBe(0);
    // agent 2 turns leaving on its call; kept, it is listed only when its call ends
    d.owed[1] = 1;
    d.markLeaving(2);
    expect([d.state[2], d.leaving[1], d.owed[1]]).toEqual([AgentState.LEAVING, 1, 0]);
    expect(d.forChat(1, 2)).toBe(0); // agent 0's list is intact
    expect(d.stay(1, 3, scratch)).toBe(1); // only agent 2 was leaving
    expect(d.forCall(1, true)).toBe(0); // agent 2 is on its call, not listed
    d.endCall(2);
    expect(d.forCall(1, false)).toBe(2);
    // markSpare: a full agent is not marked (it takes nothing new anyway), the least loaded with a free slot is
    d.addSession(0, 7); // agent 0 full (2 of 2)
    d.addSession(2, 7); // agent 2: 1 session
    d.owed[1] = 2;
    d.markSpare(1);
    expect([d.state[0], d.state[2], d.owed[1], d.leaving[1]]).toEqual([AgentState.PRESENT, AgentState.LEAVING, 1, 1]);
    // agent 2's session ends: done, it goes off duty; it is the first to join again
    d.now = 100;
    d.endSession(2);
    d.leaveDone(2);
    expect([d.state[2], d.leaving[1], d.onDuty[1]]).toEqual([AgentState.ABSENT, 0, 1]);
    expect(d.join(1, 1, scratch)).toBe(1);
    expect(scratch[0]).toBe(2);
    expect(d.onDuty[1]).toBe(2);
  });

  it('moves no more agents than asked, and only agents of the group named', () => {
    const d = desks();
    const scratch = new Int32Array(3);
    d.join(1, 3, scratch);
    d.join(2, 2, scratch);
    // two of group 1's three empty agents leave: the one asked for stays
    expect(d.leaveIdle(1, 2)).toBe(2);
    expect(d.onDuty[1]).toBe(1);
    expect([0, 1, 2].filter((a) => d.state[a] === AgentState.PRESENT).length).toBe(1);
    // group 2: both agents hold a session, both turn leaving; one is kept
    d.now = 0; d.work = 100;
    d.addSession(3, 2); d.addSession(4, 2);
    d.owed[2] = 2;
    d.markSpare(2);
    expect([d.state[3], d.state[4], d.leaving[2]]).toEqual([AgentState.LEAVING, AgentState.LEAVING, 2]);
    // group 1 has nobody leaving: nobody of group 2 (agent 3 is right after group 1's agents) is kept for it
    expect(d.stay(1, 3, scratch)).toBe(0);
    expect(d.state[3]).toBe(AgentState.LEAVING);
    expect(d.stay(2, 1, scratch)).toBe(1);
    expect([d.state[3], d.state[4], d.leaving[2]]).toEqual([AgentState.PRESENT, AgentState.LEAVING, 1]);
  });
});
