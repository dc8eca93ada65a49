"""One beat, always (apps/core/beat.py): two beats on one Redis send each periodic task
once; when the leader dies the standby takes over without losing or repeating a slot.

The beats are real ``SingleBeatScheduler``s ticking on a frozen clock over a fake Redis
(fakeredis: the same commands, one shared server); only the final publish is recorded."""

import datetime
import zoneinfo

import fakeredis
import pytest
import time_machine
from celery import Celery
from celery.schedules import crontab

from apps.core.beat import SingleBeatScheduler, heartbeat_age, key

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
START = datetime.datetime(2026, 3, 2, 5, 58, 30, tzinfo=SEOUL)


class RecordingBeat(SingleBeatScheduler):
    """Records what it would publish, with the (frozen) time and which beat sent it."""

    sent: list

    def apply_async(self, entry, producer=None, advance=True, **kwargs):
        self.sent.append((entry.name, self.app.now().replace(microsecond=0), self.label))


@pytest.fixture
def app():
    app = Celery("beat-test", set_as_current=False)
    app.conf.update(
        broker_url="memory://",
        timezone="Asia/Seoul",
        beat_schedule={
            "sweep": {"task": "notifications.sweep_pending", "schedule": 60.0},
            "six-oclock": {"task": "proposals.rereview_due", "schedule": crontab(hour=6, minute=0)},
        },
    )
    return app


@pytest.fixture
def beats(app, tmp_path, settings):
    settings.BEAT_LOCK_TTL = 30
    server = fakeredis.FakeServer()
    sent: list = []
    made = []

    def make(label, *, client=...):
        if client is ...:
            client = fakeredis.FakeRedis(server=server)
        beat = RecordingBeat(app=app, schedule_filename=str(tmp_path / label), lazy=False, client=client)
        beat.label, beat.sent = label, sent
        made.append(beat)
        return beat

    yield make, sent, fakeredis.FakeRedis(server=server)
    for beat in made:
        beat.close()


def run(traveller, seconds, *running):
    """Each beat ticks once a second (until it has nothing due) for ``seconds``."""
    for _ in range(seconds):
        traveller.shift(1)
        for beat in running:
            while beat.tick() == 0:
                pass


def slots(sent, name):
    return [when for entry, when, _ in sent if entry == name]


def test_second_beat_sends_nothing(beats):
    make, sent, _ = beats
    with time_machine.travel(START, tick=False) as traveller:
        first, second = make("first"), make("second")
        run(traveller, 5 * 60, first, second)

    assert {who for _, _, who in sent} == {"first"}
    assert slots(sent, "six-oclock") == [datetime.datetime(2026, 3, 2, 6, 0, tzinfo=SEOUL)]
    sweeps = slots(sent, "sweep")
    assert len(sweeps) == len(set(sweeps)) == 5  # one a minute, never twice
    assert first.leader and not second.leader


def test_single_beat_sends_like_celery_without_redis(beats):
    make, sent, _ = beats
    with time_machine.travel(START, tick=False) as traveller:
        alone = make("alone", client=None)
        run(traveller, 3 * 60, alone)

    assert len(slots(sent, "sweep")) == 3
    assert len(slots(sent, "six-oclock")) == 1


def test_standby_takes_over_and_sends_the_slot_the_dead_leader_missed(beats):
    make, sent, _ = beats
    with time_machine.travel(START, tick=False) as traveller:
        first, second = make("first"), make("second")
        run(traveller, 60, first, second)  # 05:59:30: first leads
        # first is killed (no close, its lock still held): 06:00 passes while second
        # stands by, then the lock expires and second leads.
        run(traveller, 60, second)

    six = slots(sent, "six-oclock")
    assert six == [datetime.datetime(2026, 3, 2, 6, 0, 1, tzinfo=SEOUL)]
    assert [who for name, _, who in sent if name == "six-oclock"] == ["second"]
    assert second.leader


def test_standby_does_not_resend_what_the_leader_sent(beats):
    make, sent, _ = beats
    with time_machine.travel(START, tick=False) as traveller:
        first, second = make("first"), make("second")
        run(traveller, 3 * 60, first, second)  # first sends 06:00
        first.close()  # a clean stop releases the lock at once
        run(traveller, 5, second)

    assert [who for name, _, who in sent if name == "six-oclock"] == ["first"]
    assert second.leader
    sweeps = slots(sent, "sweep")
    assert len(sweeps) == len(set(sweeps))


def test_leader_writes_the_heartbeat_readiness_reads(beats):
    make, _, redis = beats
    assert heartbeat_age(redis) is None
    with time_machine.travel(START, tick=False) as traveller:
        first, second = make("first"), make("second")
        run(traveller, 10, first, second)
        assert heartbeat_age(redis) == pytest.approx(0, abs=1)
        run(traveller, 20, second)  # only the standby ticks: no heartbeat from it
        assert heartbeat_age(redis) == pytest.approx(20, abs=1)
        assert redis.get(key("leader")) == first.token.encode()


def test_every_beat_runs_the_single_beat_scheduler():
    from config.celery import app

    assert app.conf.beat_scheduler == "apps.core.beat:SingleBeatScheduler"
