"""Reference data of the proposals app, loaded by data migrations: policy strategy tags
(DESIGN.md §3 ``strategies``) and the default service levels.

The five smart regional-development strategies are from seed 004 (2023-09-26 forum);
the three work-plan tasks from seed 003 (2023 업무계획, 2023-01-04).
"""

SEED_004 = "스마트 지역발전 5대 전략 (2023.9.)"
SEED_003 = "2023 균형발전 3대 추진과제 (2023.1.)"

STRATEGIES = [
    ("smart_mega_region", "초광역권 계획", SEED_004, "행정구역을 넘어선 기능·연계 중심의 초광역 단위 지역발전 전략"),
    ("smart_compact_network", "Compact & Network 구축", SEED_004, "도심융합특구·기업혁신파크·국가산단 거점 육성, 광역철도·순환도로"),
    ("smart_regulatory_innovation", "맞춤형 규제혁신", SEED_004, "개발제한구역 규제 유연화, 토지이용규제 개선, 도시계획 3종 혁신"),
    ("smart_evidence_based", "과학과 실증 기반 국토정책", SEED_004, "생활인구 기반 계획, 국토모니터링, 성과지향 국토정책"),
    ("smart_communication", "소통의 창, 균형발전지원단", SEED_004, "중앙-지자체-전문가 소통, 현장방문"),
    ("plan_deregulation", "규제완화 & 성장 인프라 확충", SEED_003, "GB 규제 개선, 도시계획체계 개편 등"),
    ("plan_growth_space", "지역주도 혁신성장 공간 조성", SEED_003, "도심융합특구, 국가산업단지, 혁신도시·행복도시·새만금 고도화, 공공기관 2차 이전"),
    ("plan_transport", "지역 교통망 확충", SEED_003, "지역 철도망·도로망 확충, 지역 신공항 프로젝트"),
]  # fmt: skip


def load_strategies(Strategy):
    for order, (code, name, source, description) in enumerate(STRATEGIES):
        Strategy.objects.update_or_create(
            code=code, defaults={"name": name, "source": source, "description": description, "order": order}
        )


# Business days per stage until operators change them (DESIGN.md §3: triage 7, review 30).
DEFAULT_SERVICE_LEVELS = {
    "triage": 7,
    "review": 30,
    "consultation": 10,
    "long_term_rereview": 120,
    "interim_notice": 20,
}


def load_service_levels(ServiceLevel):
    for stage, days in DEFAULT_SERVICE_LEVELS.items():
        ServiceLevel.objects.get_or_create(stage=stage, defaults={"business_days": days})


def load_all(get_model):
    load_strategies(get_model("proposals", "Strategy"))
    load_service_levels(get_model("proposals", "ServiceLevel"))
