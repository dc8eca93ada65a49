# ruff: noqa: E501 — the demo data reads best one proposal field a line.
"""The demo world's 건의과제: about sixty proposals from every council region, in every
state and with every outcome, on the policy areas of seeds 003 and 004.

Only the data: what each proposal asks, where it ends up and by which detours, and how far
apart its steps were. ``apps.demo.proposals`` plays each one through the services.
"""

import dataclasses
import datetime

from apps.proposals.models import Outcome
from apps.proposals.models import ProposalStatus as S

A = Outcome

# topic: (category, strategy codes, default lead department)
TOPICS = {
    "gb": ("regulation", ("smart_regulatory_innovation", "plan_deregulation"), "녹색도시과"),
    "ucz": ("urban", ("smart_compact_network", "plan_growth_space"), "도시경제과"),
    "metro_rail": ("rail", ("smart_compact_network", "plan_transport"), "광역급행철도기획과"),
    "rail": ("rail", ("plan_transport",), "철도정책과"),
    "industrial": ("industry", ("smart_compact_network", "plan_growth_space"), "산업입지정책과"),
    "airport": ("aviation", ("plan_transport",), "공항정책과"),
    "regen": ("urban", ("plan_growth_space",), "도시재생과"),
    "growth": ("industry", ("smart_compact_network", "plan_growth_space"), "성장거점정책과"),
    "road": ("road", ("smart_compact_network", "plan_transport"), "도로정책과"),
    "mega": ("governance", ("smart_mega_region",), "국토정책과"),
    "local": ("governance", ("smart_evidence_based", "smart_communication"), "지역정책과"),
    "tax": ("other", ("plan_deregulation",), ""),
}

DECISIONS = {
    A.ACCEPTED: (
        "건의 취지가 정책 방향과 부합하여 수용합니다. 관련 계획에 반영하고 세부 일정과 재원 분담은 지자체와 협의하여 확정하겠습니다.",
        "소관 계획 반영 가능, 재정 당국 협의 완료",
    ),
    A.PARTIALLY_ACCEPTED: (
        "건의 내용 중 제도 개선이 가능한 부분은 수용하여 단계적으로 반영하고, 나머지는 관계기관 협의 결과에 따라 추가 검토하겠습니다.",
        "일부 사항은 법령 개정 필요, 우선 시행령·지침 범위에서 반영",
    ),
    A.LONG_TERM: (
        "중장기 검토 과제로 분류합니다. 상위계획(국가계획) 수립 및 타당성 조사 결과를 보아 다시 검토하겠습니다.",
        "상위계획 반영 여부와 사업 타당성 확인 후 재검토",
    ),
    A.NOT_ACCEPTED: (
        "현행 법령 체계와 타 지역과의 형평성을 고려할 때 수용이 곤란합니다. 대안으로 기존 제도를 활용하는 방안을 안내해 드립니다.",
        "법률 개정 사항이며 타 시도 형평성 문제 있음",
    ),
}

ANSWERS = {
    "advisor": "관련 연구 결과에 비추어 건의의 필요성은 인정됩니다. 다만 수요 추정의 보수적 재검토와 단계별 추진 방안 마련을 권고합니다.",
    "institution": "기관 사업계획과의 연계가 가능하며, 세부 사업비와 일정은 실무 협의를 통해 구체화할 수 있습니다.",
}

# Business days between a step and the one before it.
GAPS = {
    "submit": 2,
    "endorse": 3,
    "request_info": 2,
    "resubmit": 5,
    "assign": 4,
    "decline": 6,
    "reassign": 3,
    "start_review": 2,
    "consult": 2,
    "respond": 6,
    "extend": 12,
    "decide": 15,
    "appeal": 7,
    "uphold": 10,
    "start_followup": 8,
    "update_followup": 25,
    "add_milestone": 1,
    "update_milestone": 15,
    "rate": 5,
    "evaluate": 10,
    "complete": 40,
    "refer": 5,
    "merge": 4,
    "withdraw": 3,
}

# Default: business days before today the draft was written, by final state.
DEFAULT_AGO = {
    S.DRAFT: 3,
    S.AWAITING_ENDORSEMENT: 4,
    S.SUBMITTED: 8,
    S.INFO_REQUESTED: 12,
    S.ASSIGNED: 20,
    S.IN_REVIEW: 30,
    S.DECIDED: 70,
    S.IN_PROGRESS: 120,
    S.COMPLETED: 170,
    S.REFERRED: 25,
    S.MERGED: 20,
    S.WITHDRAWN: 15,
    S.RECONSIDERATION: 60,
}


@dataclasses.dataclass(frozen=True)
class Demo:
    region: str
    final: str
    title: str
    summary: str
    topic: str
    request: str = ""
    laws: str = ""
    budget: int | None = None  # 백만원
    location: str = ""
    outcome: str = ""
    department: str = ""
    support: tuple[str, ...] = ()
    consult: tuple[tuple[str, bool], ...] = ()  # (organisation code, answered)
    # Detours on the way: "info" (request_info + resubmit), "decline:<dept>" (first assigned
    # to <dept>, which declines), "reassign:<dept>" (first assigned to <dept>, then moved to
    # the lead), "extend", "uphold" (appealed and upheld), "endorsed" (withdrawn after endorsement).
    history: tuple[str, ...] = ()
    ago: int | None = None
    progress: int = 40
    ministry: str = ""
    into: tuple[str, str] | None = None  # (region, title) of the proposal it merges into
    decision: str = ""
    started: datetime.date | None = None  # historical proposals: the day the draft was written

    @property
    def lead(self) -> str:
        return self.department or TOPICS[self.topic][2]


def D(region, final, title, summary, topic, **kwargs) -> Demo:
    return Demo(region=region, final=final, title=title, summary=summary, topic=topic, **kwargs)


# fmt: off
CURRENT = [
    # 부산(26)
    D("26", S.IN_REVIEW, "강서구 개발제한구역 해제 총량 확대 및 해제 권한 시·도 위임",
      "에코델타시티·가덕도신공항 배후 산업용지 수요에 대응하기 위해 부산권 개발제한구역 해제 가능 총량을 확대하고 30만㎡ 이상 해제 권한을 시·도지사에게 위임해 주실 것을 건의합니다.",
      "gb", request="개발제한구역 해제 총량 추가 배정(약 3㎢) 및 「개발제한구역법 시행령」상 해제 권한 위임 범위 확대",
      laws="개발제한구역의 지정 및 관리에 관한 특별조치법 제3조, 같은 법 시행령 제2조의3",
      location="부산광역시 강서구", budget=None, consult=(("KRIHS", True),), ago=34),
    D("26", S.IN_PROGRESS, "부울경 광역철도(노포~양산~울산 KTX역) 조기 착공 지원",
      "부산·울산·경남을 30분대로 잇는 광역철도의 예비타당성조사 통과 이후 기본계획 수립과 착공 일정을 앞당겨 초광역 생활권을 조기에 완성하고자 합니다.",
      "metro_rail", request="기본계획 조기 고시 및 설계비 국비 우선 반영", laws="대도시권 광역교통 관리에 관한 특별법 제2조",
      budget=2_480_000, location="부산광역시 금정구 ~ 울산광역시 울주군", outcome=A.ACCEPTED, progress=35,
      consult=(("KR", True), ("KOTI", True))),
    D("26", S.ASSIGNED, "가덕도신공항 연계 광역교통망(도로·철도) 확충",
      "2029년 개항 목표인 가덕도신공항의 접근성을 높이기 위해 신공항~부산신항~창원을 잇는 연결도로와 철도를 동시 개통할 수 있도록 건의합니다.",
      "airport", request="신공항 연결 교통망 사업의 국가계획 반영 및 개항 시기 맞춤 개통", location="부산광역시 강서구 가덕도",
      budget=1_200_000, ago=14),
    D("26", S.ASSIGNED, "센텀2 도심융합특구 기반시설 국비 지원",
      "도심융합특구로 지정된 센텀2지구의 기업 입주를 앞당기기 위해 진입도로·공공임대 오피스 등 기반시설 조성비를 국비로 지원해 주실 것을 건의합니다.",
      "ucz", request="기반시설 사업비의 50% 국비 지원", laws="도심융합특구 조성 및 육성에 관한 특별법", budget=320_000,
      location="부산광역시 해운대구", ago=52),
    D("26", S.DECIDED, "북항 재개발 연계 도시재생 혁신지구 추가 지정",
      "북항 1·2단계 재개발과 원도심을 연결하기 위해 초량·수정동 일원을 도시재생 혁신지구로 추가 지정해 주실 것을 건의합니다.",
      "regen", outcome=A.PARTIALLY_ACCEPTED, location="부산광역시 동구", budget=45_000),
    # 대구(27)
    D("27", S.SUBMITTED, "군공항 이전 후적지 개발제한구역 해제 및 첨단산업단지 조성",
      "대구 군공항 이전에 맞춰 후적지 주변 개발제한구역을 해제하고 첨단산업단지를 조성하여 도심 신성장 거점으로 만들고자 합니다.",
      "gb", request="후적지 인접 GB 해제 및 국가산업단지 후보지 지정", location="대구광역시 동구", ago=9),
    D("27", S.DECIDED, "대구경북신공항 연결철도(대구~신공항~의성) 광역철도 지정",
      "대구경북신공항 개항에 맞춰 서대구역과 신공항을 연결하는 철도를 광역철도로 지정하여 국비 지원 비율을 높여 주실 것을 건의합니다.",
      "metro_rail", outcome=A.LONG_TERM, budget=2_070_000, location="대구광역시 ~ 경상북도 의성군", ago=45,
      decision="광역철도 지정 요건(대도시권 범위)과 제5차 국가철도망 구축계획 반영 여부를 확인한 후 다시 검토하겠습니다."),
    D("27", S.REFERRED, "도심융합특구 입주기업 법인세 감면 등 세제 특례 신설",
      "도심융합특구 입주기업에 대한 법인세·소득세 감면 특례를 신설하여 수도권 기업의 지방 이전을 유도하고자 합니다.",
      "tax", ministry="기획재정부", laws="조세특례제한법", location="대구광역시 북구"),
    D("27", S.COMPLETED, "대구 4차순환도로 연계 진입도로 개설",
      "대구 4차순환도로 개통 효과를 높이기 위해 성서·테크노폴리스 산업단지 진입도로 개설을 지원해 주실 것을 건의합니다.",
      "road", outcome=A.ACCEPTED, budget=86_000, location="대구광역시 달성군"),
    # 대전(30)
    D("30", S.IN_REVIEW, "대전·세종·충북 광역철도(반석~세종청사~오송~청주공항) 조기 추진",
      "충청권 메가시티의 핵심 교통축인 대전·세종·충북 광역철도의 예비타당성조사를 조속히 마무리하고 기본계획에 착수해 주실 것을 건의합니다.",
      "metro_rail", request="예비타당성조사 조기 완료 및 기본계획 착수", budget=4_200_000,
      location="대전광역시 유성구 ~ 충청북도 청주시", consult=(("KOTI", True), ("KR", True)), ago=40),
    D("30", S.ASSIGNED, "대전역세권 도심융합특구 용적률 특례 및 기반시설 지원",
      "대전역세권·선화동 일원 도심융합특구의 사업성을 높이기 위해 용적률 특례와 기반시설 국비 지원을 건의합니다.",
      "ucz", request="용적률 최대 1.5배 특례 및 기반시설비 지원", location="대전광역시 동구·중구", ago=26),
    D("30", S.INFO_REQUESTED, "대덕연구개발특구 연계 개발제한구역 조정으로 첨단산업 부지 확보",
      "대덕특구의 연구성과를 사업화할 부지가 부족하여 인접 개발제한구역을 조정하고 첨단산업 부지를 확보하고자 합니다.",
      "gb", location="대전광역시 유성구"),
    D("30", S.DECIDED, "원도심 혁신도시에 공공기관 2차 이전 우선 배치",
      "혁신도시로 지정된 대전역세권·연축지구에 공공기관 2차 이전 기관을 우선 배치해 주실 것을 건의합니다.",
      "growth", outcome=A.LONG_TERM, ago=50,
      decision="공공기관 2차 이전 기본계획 수립 시 혁신도시별 배치 원칙과 함께 다시 검토하겠습니다."),
    # 울산(31)
    D("31", S.RECONSIDERATION, "울산권 개발제한구역 해제 기준 완화(환경평가 1·2등급지 대체지 허용)",
      "환경평가 1·2등급지라도 동일 면적 이상의 대체지를 개발제한구역으로 지정하면 해제를 허용해 주실 것을 건의합니다.",
      "gb", outcome=A.NOT_ACCEPTED, laws="개발제한구역의 조정을 위한 도시·군관리계획 변경안 수립 지침", location="울산광역시 울주군"),
    D("31", S.SUBMITTED, "부울경 광역철도 울산 구간(울산역~무거~신복) 조기 착공",
      "부울경 광역철도 울산 구간을 도심 교통 수요가 많은 무거·신복 로터리까지 연장하여 조기 착공해 주실 것을 건의합니다.",
      "metro_rail", budget=650_000, location="울산광역시 남구·울주군", ago=14),
    D("31", S.DECIDED, "미포 국가산업단지 확장 및 노후 산단 구조고도화",
      "조선·자동차 산업 고도화를 위한 부지 부족을 해소하기 위해 미포 국가산업단지를 확장하고 노후 구역의 구조고도화를 추진하고자 합니다.",
      "industrial", outcome=A.ACCEPTED, budget=180_000, location="울산광역시 동구", ago=65),
    D("31", S.IN_PROGRESS, "울산 외곽순환고속도로 조기 완공",
      "도심 교통 혼잡을 해소하고 산업 물류를 원활히 하기 위해 울산 외곽순환고속도로의 완공 시기를 앞당겨 주실 것을 건의합니다.",
      "road", outcome=A.ACCEPTED, progress=60, budget=1_090_000, location="울산광역시 북구·울주군",
      consult=(("KEC", True),)),
    # 세종(36)
    D("36", S.MERGED, "대전·세종·충북 광역철도 세종 구간 노선 조정",
      "대전·세종·충북 광역철도가 세종 도심(정부세종청사·조치원)을 경유하도록 노선을 조정해 주실 것을 건의합니다.",
      "metro_rail", into=("30", "대전·세종·충북 광역철도(반석~세종청사~오송~청주공항) 조기 추진"), ago=22),
    D("36", S.IN_REVIEW, "행정중심복합도시 국가상징구역 연계 광역도로망 확충",
      "대통령 세종집무실과 국회 세종의사당 건립에 따른 교통 수요에 대비하여 행복도시 광역도로망을 확충해 주실 것을 건의합니다.",
      "road", history=("extend",), budget=540_000, location="세종특별자치시", ago=48),
    D("36", S.DECIDED, "세종 스마트 국가산업단지 조기 조성",
      "세종 스마트 국가산업단지의 보상과 기반공사를 앞당겨 미래차·소재 기업의 입주 수요에 대응하고자 합니다.",
      "industrial", outcome=A.ACCEPTED, consult=(("LH", True),), budget=1_520_000, location="세종특별자치시 연서면"),
    D("36", S.DRAFT, "생활인구 기반 도시기본계획 시범 수립 지원",
      "주민등록인구가 아닌 생활인구(통근·통학·관광)를 기준으로 도시기본계획을 수립하는 시범사업을 세종시에서 추진하고자 합니다.",
      "local", department="국토정책과"),
    # 충북(43)
    D("43", S.IN_REVIEW, "충북선 고속화 및 오송 연결선 조기 추진",
      "강호축의 핵심인 충북선 고속화 사업과 오송 연결선을 조기에 추진하여 호남~강원 간 철도 이동시간을 단축하고자 합니다.",
      "rail", budget=1_700_000, location="충청북도 청주시·충주시", ago=55),
    D("43", S.DECIDED, "청주국제공항 민간 전용 활주로 신설",
      "군 공항과 함께 쓰는 청주공항의 운항 제약을 풀기 위해 민간 전용 활주로를 신설해 주실 것을 건의합니다.",
      "airport", outcome=A.NOT_ACCEPTED, location="충청북도 청주시 청원구", budget=1_100_000, ago=75,
      decision="활주로 신설은 수요 예측과 공역 조정이 선행되어야 하여 현 단계에서 수용이 곤란합니다. 제7차 공항개발 종합계획 수립 시 수요를 재검토하겠습니다."),
    D("43", S.ASSIGNED, "오송 바이오 국가산업단지 기반시설 국비 지원 확대",
      "오송 제3생명과학 국가산업단지의 진입도로·용수 공급시설 사업비를 국비로 지원해 주실 것을 건의합니다.",
      "industrial", budget=210_000, location="충청북도 청주시 흥덕구", ago=24),
    D("43", S.WITHDRAWN, "충주 기업혁신파크 후보지 선정 지원",
      "충주 드림파크 일원을 기업혁신파크 후보지로 선정해 주실 것을 건의합니다.",
      "growth", history=("endorsed",), location="충청북도 충주시"),
    D("43", S.AWAITING_ENDORSEMENT, "청주 도심 개발제한구역 내 공공·체육시설 입지 규제 완화",
      "개발제한구역 안에 주민 체육시설과 공공청사를 설치할 수 있도록 허용 시설 범위를 넓혀 주실 것을 건의합니다.",
      "gb", laws="개발제한구역법 시행령 별표 1", location="충청북도 청주시 상당구"),
    # 충남(44)
    D("44", S.IN_REVIEW, "내포 혁신도시 공공기관 2차 이전 기관 우선 배정",
      "혁신도시 지정 이후 이전 기관이 없는 내포 혁신도시에 2차 이전 공공기관을 우선 배정해 주실 것을 건의합니다.",
      "growth", consult=(("KRILA", True), ("국가균형발전지원센터", False)), location="충청남도 홍성군·예산군", ago=26),
    D("44", S.IN_PROGRESS, "서산공항(민항) 건설 사업 조기 착공",
      "서산 군 비행장을 활용한 민항 건설 사업의 설계를 조기에 마치고 착공해 주실 것을 건의합니다.",
      "airport", outcome=A.PARTIALLY_ACCEPTED, progress=20, consult=(("KAC", True),), budget=53_000,
      location="충청남도 서산시 해미면"),
    D("44", S.SUBMITTED, "천안·아산 도심융합특구 조성 지원",
      "천안아산역 일원 도심융합특구의 조성 계획 수립 비용과 선도사업을 지원해 주실 것을 건의합니다.",
      "ucz", location="충청남도 천안시·아산시", ago=16, history=("decline:도시재생과",)),
    D("44", S.DECIDED, "서해선-신안산선 직결 및 충남 서부권 광역철도 구축",
      "서해선과 수도권 광역철도를 직결하여 충남 서부권에서 서울 도심까지 환승 없이 이동할 수 있도록 건의합니다.",
      "rail", outcome=A.ACCEPTED, budget=320_000, location="충청남도 홍성군~경기도 화성시", ago=58),
    D("44", S.REFERRED, "탄소중립 산업단지 입지 시 환경영향평가 절차 간소화",
      "탄소중립 산업단지 조성 시 전략환경영향평가와 환경영향평가 절차를 통합·간소화해 주실 것을 건의합니다.",
      "industrial", ministry="환경부", laws="환경영향평가법", location="충청남도 당진시"),
    # 경북(47)
    D("47", S.COMPLETED, "구미 국가산업단지 5단지 분양 활성화",
      "구미 5단지의 분양을 활성화하기 위해 분양가 인하와 업종 제한 완화를 건의합니다.",
      "industrial", outcome=A.ACCEPTED, location="경상북도 구미시 산동읍", ago=190),
    D("47", S.IN_REVIEW, "대구경북신공항 배후 물류단지·산업단지 조성",
      "신공항 개항에 맞춰 항공물류 배후단지와 공항 연계 산업단지를 조성해 주실 것을 건의합니다.",
      "airport", consult=(("KAC", False),), location="경상북도 군위군·의성군", ago=20),
    D("47", S.DECIDED, "경북 북부권 지역활력타운 조성",
      "인구감소지역인 영양·봉화 등 북부권에 주거·생활SOC를 복합한 지역활력타운을 조성하고자 합니다.",
      "local", outcome=A.PARTIALLY_ACCEPTED, location="경상북도 영양군·봉화군", budget=60_000),
    D("47", S.INFO_REQUESTED, "포항 영일만 횡단고속도로 조기 건설",
      "포항~영덕 고속도로의 영일만 횡단 구간을 조기에 건설하여 동해안 고속도로망을 완성하고자 합니다.",
      "road", history=("info",), budget=1_600_000, location="경상북도 포항시", ago=20),
    D("47", S.DECIDED, "안동·예천 도청신도시 혁신도시 추가 지정",
      "경북도청 신도시를 혁신도시로 추가 지정하여 공공기관 이전과 정주 여건 지원을 받을 수 있도록 건의합니다.",
      "growth", outcome=A.NOT_ACCEPTED, location="경상북도 안동시·예천군", ago=80,
      decision="혁신도시 추가 지정은 법률 개정과 기존 혁신도시 성과 평가가 선행되어야 하여 수용이 곤란합니다."),
    # 경남(48)
    D("48", S.IN_REVIEW, "창원 개발제한구역 해제로 방위·원자력 국가산단 확장",
      "창원 방위·원자력 융합 국가산업단지의 확장 부지를 확보하기 위해 인접 개발제한구역 해제를 건의합니다.",
      "gb", location="경상남도 창원시 의창구", consult=(("KRIHS", True),), ago=28),
    D("48", S.IN_REVIEW, "부전~마산 복선전철 연계 광역철도 조기 개통",
      "부전~마산 복선전철의 개통 지연을 해소하고 창원~부산 간 광역철도 운행을 조기에 시작해 주실 것을 건의합니다.",
      "metro_rail", history=("reassign:철도정책과",), department="광역급행철도기획과", location="경상남도 창원시·김해시", ago=33),
    D("48", S.IN_PROGRESS, "진주 혁신도시 시즌2 공공기관 이전 및 정주여건 개선",
      "진주 혁신도시의 정주 인구를 늘리기 위해 2차 이전 기관 배치와 정주여건 개선 사업을 함께 추진하고자 합니다.",
      "growth", outcome=A.PARTIALLY_ACCEPTED, progress=45, location="경상남도 진주시 충무공동"),
    D("48", S.ASSIGNED, "남해안권 초광역 관광벨트 계획 수립",
      "부산·경남·전남을 잇는 남해안권 초광역 관광벨트 계획을 국가계획으로 수립해 주실 것을 건의합니다.",
      "mega", location="경상남도 남해안 일원", ago=18),
    D("48", S.DECIDED, "사천 우주항공 기업혁신파크 선정 지원",
      "우주항공청 개청에 맞춰 사천 일원을 기업혁신파크로 선정하여 우주항공 기업을 집적하고자 합니다.",
      "growth", outcome=A.PARTIALLY_ACCEPTED, location="경상남도 사천시", ago=66),
    # 제주(50)
    D("50", S.DECIDED, "제주 제2공항 건설 조속 추진",
      "제주공항의 포화 문제를 해소하기 위해 제2공항 기본계획 고시 이후 후속 절차를 조속히 추진해 주실 것을 건의합니다.",
      "airport", outcome=A.LONG_TERM, location="제주특별자치도 서귀포시 성산읍", ago=40,
      decision="환경영향평가 협의 결과와 도민 의견 수렴 결과를 보아 다시 검토하겠습니다."),
    D("50", S.COMPLETED, "제주 원도심 도시재생 후속 지원",
      "도시재생 뉴딜 사업이 끝난 제주 원도심에 거점시설 운영비와 후속 사업을 지원해 주실 것을 건의합니다.",
      "regen", outcome=A.PARTIALLY_ACCEPTED, location="제주특별자치도 제주시 일도동", ago=175),
    D("50", S.IN_REVIEW, "제주 첨단과학기술단지 2단지 조성",
      "제주 첨단과학기술단지 2단지를 조성하여 ICT·바이오 기업 입주 수요에 대응하고자 합니다.",
      "industrial", consult=(("JDC", False),), location="제주특별자치도 제주시 월평동", ago=12),
    # 강원(51)
    D("51", S.IN_PROGRESS, "동서고속화철도(춘천~속초) 연계역 추가 설치",
      "동서고속화철도의 지역 접근성을 높이기 위해 인제·양구 연계역을 추가로 설치해 주실 것을 건의합니다.",
      "rail", outcome=A.ACCEPTED, progress=30, location="강원특별자치도 인제군·양구군"),
    D("51", S.SUBMITTED, "원주 혁신도시 정주여건 개선 및 공공기관 2차 이전",
      "원주 혁신도시의 가족 동반 이주율을 높이기 위한 정주여건 개선과 2차 이전 기관 배치를 건의합니다.",
      "growth", history=("decline:국토정책과",), location="강원특별자치도 원주시 반곡동", ago=24),
    D("51", S.REFERRED, "강원특별자치도 지방소멸대응기금 배분 기준 개선",
      "인구감소지역이 많은 강원의 여건을 반영하여 지방소멸대응기금 배분 기준을 개선해 주실 것을 건의합니다.",
      "tax", ministry="행정안전부", laws="지방자치분권 및 지역균형발전에 관한 특별법"),
    D("51", S.DRAFT, "춘천 도심융합특구 추가 지정",
      "춘천 캠프페이지 일원을 도심융합특구로 추가 지정하여 데이터·바이오 기업을 유치하고자 합니다.",
      "ucz", location="강원특별자치도 춘천시"),
    # 전북(52)
    D("52", S.IN_PROGRESS, "새만금 국제공항 조기 착공",
      "새만금 국제공항의 기본계획과 설계를 마무리하고 계획대로 착공해 주실 것을 건의합니다.",
      "airport", outcome=A.ACCEPTED, progress=15, consult=(("SDC", True), ("KAC", True)), budget=800_000,
      location="전북특별자치도 군산시 옥서면"),
    D("52", S.IN_REVIEW, "새만금 수변도시 기반시설 국비 지원",
      "새만금 스마트 수변도시의 조기 분양을 위해 공공 기반시설에 국비를 지원해 주실 것을 건의합니다.",
      "growth", consult=(("SDC", True),), location="전북특별자치도 새만금", ago=36),
    D("52", S.AWAITING_ENDORSEMENT, "전북 혁신도시 금융 공공기관 2차 이전",
      "제3금융중심지 지정을 뒷받침하기 위해 금융 공공기관을 전북 혁신도시로 이전해 주실 것을 건의합니다.",
      "growth", location="전북특별자치도 전주시·완주군"),
    D("52", S.DECIDED, "전주~김천 동서횡단철도 조기 추진",
      "영호남을 잇는 전주~김천 철도를 국가철도망 구축계획의 신규 사업으로 반영해 주실 것을 건의합니다.",
      "rail", outcome=A.NOT_ACCEPTED, history=("uphold",), location="전북특별자치도 전주시 ~ 경상북도 김천시", ago=95,
      decision="경제성(B/C)이 낮아 현 단계에서 국가철도망 구축계획 신규 반영은 곤란합니다."),
    # 전남광주통합특별시(12), from 2026-07-01
    D("12", S.IN_REVIEW, "광주~나주 광역철도 조기 착공",
      "통합특별시의 광주권과 나주 혁신도시를 30분 생활권으로 묶는 광주~나주 광역철도를 조기에 착공해 주실 것을 건의합니다.",
      "metro_rail", consult=(("KR", False),), budget=1_520_000, location="광주 상무역 ~ 나주역", ago=25),
    D("12", S.SUBMITTED, "통합특별시 출범에 따른 광역교통 시행계획 변경",
      "전남·광주 통합으로 달라진 생활권을 반영하여 대도시권 광역교통 시행계획을 변경해 주실 것을 건의합니다.",
      "mega", ago=4),
    D("12", S.ASSIGNED, "무안국제공항 활성화 및 광주 군공항 이전 연계 지원",
      "광주 민간공항의 무안 이전과 군공항 이전을 연계하여 무안국제공항을 서남권 거점공항으로 육성하고자 합니다.",
      "airport", location="무안군 망운면", ago=16),
    D("12", S.DRAFT, "첨단3지구 개발제한구역 해제 및 AI 국가산단 조성",
      "인공지능 집적단지 확장을 위해 첨단3지구 인접 개발제한구역을 해제하고 국가산업단지로 조성하고자 합니다.",
      "gb", location="광주 북구"),
    D("12", S.WITHDRAWN, "여수·광양 국가산단 노후 기반시설 재생",
      "여수·광양 국가산업단지의 노후 배관·도로 등 기반시설 재생 사업을 지원해 주실 것을 건의합니다.",
      "industrial", location="여수시·광양시", ago=10),
]

# Filed under 광주(29) and 전남(46) before the merger; ``started`` is the day the draft was written.
HISTORICAL = [
    D("29", S.IN_PROGRESS, "군공항 이전 후적지 도심융합특구 지정",
      "광주 군공항 이전 후적지와 상무지구 일원을 도심융합특구로 지정하여 미래 산업 거점으로 조성하고자 합니다.",
      "growth", outcome=A.ACCEPTED, progress=40, started=datetime.date(2024, 4, 15), location="광주광역시 광산구"),
    D("29", S.DECIDED, "인공지능 집적단지 2단계 국가산업단지 지정",
      "인공지능 집적단지 2단계 사업 부지를 국가산업단지로 지정하여 AI 기업의 입주 공간을 확보하고자 합니다.",
      "industrial", outcome=A.PARTIALLY_ACCEPTED, started=datetime.date(2025, 3, 10), location="광주광역시 북구 첨단3지구"),
    D("29", S.DECIDED, "광주~화순 광역철도 신설",
      "광주 도시철도 1호선과 화순을 잇는 광역철도를 신설하여 광주권 생활권을 넓히고자 합니다.",
      "metro_rail", outcome=A.LONG_TERM, started=datetime.date(2026, 1, 12), location="광주광역시 동구 ~ 전라남도 화순군",
      decision="광역철도 지정 요건과 국가철도망 구축계획 반영 여부를 확인한 후 다시 검토하겠습니다."),
    D("46", S.COMPLETED, "해상풍력 배후 항만·산업단지 입지 규제 완화",
      "신안 해상풍력 배후단지 조성을 위해 산업단지 지정 절차와 입지 규제를 완화해 주실 것을 건의합니다.",
      "industrial", outcome=A.ACCEPTED, started=datetime.date(2024, 3, 4), location="전라남도 신안군·목포시"),
    D("46", S.IN_REVIEW, "전라선 고속철도(익산~여수) 조기 건설",
      "전라선 고속화로 수도권~여수 이동시간을 2시간대로 줄이기 위해 고속철도 건설을 조기에 추진해 주실 것을 건의합니다.",
      "rail", started=datetime.date(2026, 4, 20), location="전라북도 익산시 ~ 전라남도 여수시"),
    D("46", S.DECIDED, "나주 혁신도시 에너지 공공기관 2차 이전",
      "한국전력공사와 연계된 에너지 분야 공공기관을 나주 혁신도시로 이전해 주실 것을 건의합니다.",
      "growth", outcome=A.NOT_ACCEPTED, started=datetime.date(2025, 6, 2), location="전라남도 나주시 빛가람동",
      decision="공공기관 2차 이전 기본계획이 확정되지 않아 특정 기관의 이전 배치를 지금 정하기는 곤란합니다."),
]
# fmt: on
