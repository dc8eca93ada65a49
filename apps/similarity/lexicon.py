"""Word lists for key-term extraction from Korean proposal texts.

``STOPWORDS``: nouns every proposal uses ("건의", "요청", "지원"…) that say nothing about
*what* is asked. ``REWRITES``: abbreviations and alternative names officials use for the
same thing ("GB", "그린벨트" → "개발제한구역"), so two wordings meet on one term.
``PLACES``: region and 시·군·구 names. They are kept but weigh less: the same request
arrives from several regions (each naming itself), and two different requests of one
region must not look alike merely because both name it. Project names that happen to be
places (가덕도, 새만금, 내포) are *not* listed: they identify the request.
"""

# Generic words of the genre. Kept short on purpose: IDF already discounts the common
# words of the corpus; these are the ones so generic that even a rare use means nothing.
STOPWORDS = frozenset(
    """
    건의 건의사항 요청 요구 필요 필요성 검토 추진 지원 관련 방안 경우 사항 부분 대상 과제 해당 지역 내용
    이번 현재 향후 조속 조속히 위 등 및 것 수 때 중 이후 이상 이하 통해 대한 위해 우리 당사 본 각
    문제 해결 마련 도모 실시 시행 적극 협조 주실 바람 가능 다양 여건 상황 측면 방향 기반 정도 기존 일부 사업
    """.split()  # noqa: SIM905 — a word list reads best as text
)

# Abbreviations and variant names, rewritten in the text before analysis so that both
# wordings yield the same nouns ("GB 해제" and "개발제한구역 해제" share 개발제한구역, 개발,
# 제한, 구역). Latin abbreviations match as whole words, case-insensitively.
REWRITES = (
    (r"(?<![A-Za-z])GB(?![A-Za-z])", "개발제한구역"),
    (r"그린\s?벨트", "개발제한구역"),
    (r"(?<![A-Za-z])(?:KTX|SRT)(?![A-Za-z])", "고속철도"),
    (r"(?<![A-Za-z])GTX(?![A-Za-z])", "광역급행철도"),
    (r"(?<![A-Za-z])SOC(?![A-Za-z])", "사회기반시설"),
    (r"(?<![A-Za-z])R\s?&\s?D(?![A-Za-z])", "연구개발"),
    (r"산단", "산업단지"),
    (r"(?<!기업)혁신파크", "기업혁신파크"),
    (r"공기업", "공공기관"),
)

# Weight of a place name relative to other terms.
PLACE_FACTOR = 0.3

# 시·도 (full and short names, old names too) and 시·군·구 (without 시/군/구). Words that
# are also common nouns in proposals (예산 budget, 부여 grant, 고령 old age, 상주 resident,
# 진도 progress) are left out on purpose.
PLACES = frozenset(
    """
    서울 부산 대구 인천 광주 대전 울산 세종 경기 강원 충북 충남 전북 전남 경북 경남 제주 전남광주
    서울특별시 부산광역시 대구광역시 인천광역시 광주광역시 대전광역시 울산광역시 세종특별자치시 경기도 강원도
    강원특별자치도 충청북도 충청남도 전라북도 전북특별자치도 전라남도 경상북도 경상남도 제주특별자치도
    전남광주통합특별시 통합특별시 광주특별시 충청 전라 경상 호남 영남
    종로 용산 성동 광진 동대문 중랑 성북 강북 도봉 노원 은평 서대문 마포 양천 강서 구로 금천 영등포 동작 관악
    서초 강남 송파 강동
    영도 부산진 동래 해운대 사하 금정 연제 수영 사상 기장 수성 달서 달성 군위 미추홀 연수 남동 부평 계양
    강화 옹진 광산 유성 대덕 울주
    수원 성남 의정부 안양 부천 광명 평택 동두천 안산 고양 과천 구리 남양주 오산 시흥 군포 의왕 하남 용인 파주
    이천 안성 김포 화성 양주 포천 여주 연천 가평 양평
    춘천 원주 강릉 동해 태백 속초 삼척 홍천 횡성 영월 평창 정선 철원 화천 양구 인제 고성 양양
    청주 충주 제천 보은 옥천 영동 증평 진천 괴산 음성 단양
    천안 공주 보령 아산 서산 논산 계룡 당진 금산 서천 청양 홍성 태안
    전주 군산 익산 정읍 남원 김제 완주 진안 무주 장수 임실 순창 고창 부안
    목포 여수 순천 나주 광양 담양 곡성 구례 고흥 보성 화순 장흥 강진 해남 영암 무안 함평 영광 장성 완도 신안
    포항 경주 김천 안동 구미 영주 영천 문경 경산 의성 청송 영양 영덕 청도 고령군 성주 칠곡 예천 봉화 울진 울릉
    창원 진주 통영 사천 김해 밀양 거제 양산 의령 함안 창녕 남해 하동 산청 함양 거창 합천 마산 진해
    서귀포
    """.split()  # noqa: SIM905 — a word list reads best as text
)

# Suffixes of administrative units: "창원시" is the place "창원".
PLACE_SUFFIXES = ("특별자치시", "특별자치도", "특별시", "광역시", "시", "군", "구", "도")
