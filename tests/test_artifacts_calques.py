"""Calques, false friends and mistranslations, on sentences written for these tests."""
from __future__ import annotations

import pytest

from provenance.artifacts import calques
from provenance.artifacts.model import Context


def hits(text: str, language: str = "en") -> list[tuple[str, str, tuple[str, ...]]]:
    ctx = Context.from_text(text, language)
    return [(a.text, a.kind, a.candidates) for a in calques.detect(ctx)]


@pytest.mark.parametrize("text, surface, lang", [
    ("Officials said the operation would be a pivotal moment, according to the British (The Guardian).",
     "the British (The Guardian)", "ar"),
    ("The minister told the Israeli Haaretz that talks had stalled.", "the Israeli Haaretz", "ar"),
    ("The suspect, Karim Mansour (37 years), was arrested in Mosul.", "(37 years)", "ar"),
    ("The group keeps recruiting from during its online channels.", "from during", "ar"),
    ("He is considered a coaxial leader in the movement.", "coaxial leader", "ar"),
    ("The raid was described as a qualitative operation by the rebels.", "qualitative operation", "ar"),
    ("The party faces the umpteenth split since its founding.", "umpteenth", "es"),
    ("Police have been searching for the driver since two weeks.", "since two weeks", "fr"),
    ("He is an exponent of the centre-right coalition.", "an exponent of the centre-right coalition", "it"),
    ("The prefect announced new reception structures for the asylum seekers.", "reception structures", "fr"),
    ("The senator, who however was not present, voted by proxy.", "who however", "it"),
    ("Police realized an operation against drug traffickers in the port.", "realized an operation", "es"),
    ("The company reported the result according to its own statements.", "according to its own statements", "de"),
    ("The Hebrew newspaper (Maariv) said the cabinet met overnight.", "The Hebrew newspaper (Maariv)", "ar"),
    ("The President of the Government, Ana Ruiz, defended the decree.", "President of the Government", "es"),
    ("Economy minister Karl Huber (CSU) rejected the proposal.", "Huber (CSU)", "de"),
    ("In the night between Friday and Saturday a fire destroyed the depot.",
     "In the night between Friday and Saturday", "it"),
    ("According to what was learned, the suspect had fled to Milan.", "According to what was learned", "it"),
    ("The forces of order closed the square.", "The forces of order", "it"),
    ("The rally was led by the also former minister Luis Vega.", "the also", "es"),
    ("The minister discussed the Syrian file with his Russian counterpart in Moscow.", "the Syrian file", "ar"),
    ("The two sides agreed to close the file of the prisoners before the holiday.", "the file of the prisoners", "ar"),
    ("The council called for the necessity of stopping the escalation immediately.", "called for the necessity of", "ar"),
    ("He added by saying that the army would respond to any aggression.", "added by saying", "ar"),
    ("The minister said, saying that the talks had reached a dead end.", "said, saying", "ar"),
    ("This came during his reception of the Iraqi foreign minister in Cairo.", "during his reception of", "ar"),
    ("The president stressed this upon his reception of US envoy Amos Hochstein.", "upon his reception of", "ar"),
    ("The king affirmed his support for the sisterly Kingdom of Bahrain.", "sisterly Kingdom", "ar"),
    ("The president sent his greetings to the brotherly Egyptian people.", "brotherly Egyptian people", "ar"),
    ("The occupation arrested 15 citizens in the West Bank at dawn.", "The occupation arrested", "ar"),
    ("The president warned of attempts to destabilise the Lebanese arena.", "the Lebanese arena", "ar"),
    ("It is mentioned that the ministry had announced the plan last year.", "It is mentioned that", "ar"),
    ("Prices rose sharply, the matter that led to protests in several cities.", "the matter that led", "ar"),
    ("Our security forces and the leadership of the popular crowd achieved great victories.", "the popular crowd", "ar"),
    ("The army fought for three years against organizing terrorist daash in the west.",
     "organizing terrorist daash", "ar"),
    ("Troops killed two leaders of organizing ISIS near Hit.", "organizing ISIS", "ar"),
    ("The unit arrested five members of the terrorist ISIS gangs in Diyala.", "terrorist ISIS gangs", "ar"),
    ("Security forces pursued the remnants of Daesh gangs in the desert.", "Daesh gangs", "ar"),
    ("They admitted they had acted as part of the gangs of the Islamic State.", "gangs of the Islamic State", "ar"),
    ("In continuation of the efforts to secure the border, the army deployed two brigades.",
     "In continuation of the efforts", "ar"),
    ("The minister said the coming days will witness a broad campaign against smugglers.",
     "the coming days will witness", "ar"),
    ("The service diagnosed the new method used by the cells to move money.", "diagnosed the new method", "ar"),
    ("The Chancellor of Venezuela met his Russian counterpart in Moscow.", "Chancellor of Venezuela", "es"),
    ("The reform guarantees the equality of chances between men and women.", "equality of chances", "fr"),
    ("The Sub-Secretary for Foreign Affairs received the delegation.", "Sub-Secretary", "it"),
    ("The two ministers met in videoconference on Tuesday.", "in videoconference", "it"),
    ("We acknowledge positively the agreement reached by the parties.", "acknowledge positively", "it"),
    ("He promised the moralization of the political action before the vote.", "moralization of the political action", "fr"),
    ("Officials hope to reach collective immunity by the end of the year.", "collective immunity", "fr"),
    ("Unions are preparing for the social re-entry after the summer break.", "the social re-entry", "fr"),
    ("Several regions, to name only Oran and Setif, reported shortages.", "to name only", "fr"),
    ("The plant will open for the month of next September, the ministry said.", "the month of next September", "fr"),
    ("Cuban Chancellor Elena Varga denounced the new sanctions.", "Cuban Chancellor", "es"),
    ("The ministry informed that 14 new cases were detected.", "informed that", "es"),
    ("The president reaffirmed the eve the principles of the revolution.", "the eve", "es"),
    ("Checkpoints were set up in the national territory to control the outbreak.", "in the national territory", "es"),
    ("The president asked to inform more and better the citizenship about the measures.",
     "inform more and better the citizenship", "es"),
    ("The attack was foiled, according to what was reported by the state news agency.",
     "according to what was reported by", "ar"),
    ("The until now minister of Health, Carolina Darias, will head the list.", "The until now minister", "es"),
    ("The coalition counts with the support of 176 deputies in Congress.", "counts with the support", "es"),
    ("More than 2,000 people assisted to the funeral of the former mayor.", "assisted to the funeral", "es"),
    ("By his part, the mayor announced new measures against noise.", "By his part,", "es"),
    ("Thus reported the Ministry of Health in a statement on Monday.", "Thus reported", "es"),
    ("The Government will approve the decree in the next days.", "in the next days", "es"),
    ("The accident happened in the afternoon of yesterday on the A-7 motorway.", "in the afternoon of yesterday", "es"),
    ("The president arrived to Madrid on Sunday evening.", "arrived to", "es"),
    ("The strike affected the ensemble of the population of the region.", "the ensemble of the population", "fr"),
    ("The accident occurred at the level of the roundabout of the Porte de Bagnolet.", "at the level of the roundabout", "fr"),
    ("The government engaged itself to reduce the deficit by 2027.", "engaged itself to", "fr"),
    ("The former minister was auditioned by the commission of inquiry on Tuesday.", "auditioned by the commission", "fr"),
    ("The mayor was put under examination for embezzlement of public funds.", "put under examination", "fr"),
    ("The Minister of the Armies, Sébastien Lecornu, visited the troops in Estonia.", "Minister of the Armies", "fr"),
    ("According to our informations, the suspect was known to the police.", "According to our informations", "fr"),
    ("He will be tried before the correctional tribunal of Paris in June.", "correctional tribunal", "fr"),
    ("The prefect will announce new measures in the next days.", "in the next days", "fr"),
    ("The suspect was arrested in the evening of yesterday in Marseille.", "in the evening of yesterday", "fr"),
    ("The two ministers met at the margin of the G7 summit in Apulia.", "at the margin of the G7 summit", "it"),
    ("The Finance Guard seized 40 kilos of cocaine in the port of Gioia Tauro.", "Finance Guard", "it"),
    ("Police carried out a maxi-operation against the 'Ndrangheta in Calabria.", "maxi-operation", "it"),
    ("The hypothesis of crime is manslaughter, the prosecutors said.", "hypothesis of crime", "it"),
    ("The driver was registered in the register of suspects for manslaughter.", "registered in the register of suspects", "it"),
    ("The results of the autopsy are expected in the next days.", "in the next days", "it"),
    ("The fire broke out in the night of yesterday in a warehouse near Milan.", "in the night of yesterday", "it"),
    ("The delegation arrived to Rome late on Sunday.", "arrived to", "it"),
    ("Hundreds of people assisted to the ceremony in the cathedral.", "assisted to the ceremony", "it"),
])
def test_calques_found_with_language(text: str, surface: str, lang: str) -> None:
    found = hits(text)
    assert any(s == surface and lang in cands for s, _, cands in found), found


@pytest.mark.parametrize("text", [
    "The army seized power in a coup last year, and the junta has ruled since.",
    "A popular crowd-funding site raised the money, and the crowd at the rally was popular with locals.",
    "The song became the popular crowd favourite at every stadium.",
    "This is gang territory, and police say IS fighters and street gangs rarely mix.",
    "German Chancellor Olaf Scholz met the Chancellor of the Exchequer in London.",
    "The law promotes equal opportunity, and his chances of equality in pay improved.",
    "The Under-Secretary met reporters by video conference; a videoconference in the afternoon followed.",
    "The ministry welcomed the agreement, and officials noted positive signs in the talks.",
    "Herd immunity was the goal; collective bargaining and immunity from prosecution were debated.",
    "Reentry into the atmosphere and social reintegration programmes were discussed.",
    "To name but a few, Oran and Setif reported shortages; next month the plant in September opens.",
    "Residents were informed that the water was safe, and she kept him informed that week.",
    "On the eve of the election, and on Christmas Eve, the eve of the vote was quiet.",
    "The law sets out the citizenship test, and officials will tell applicants the citizenship rules.",
    "The plan covers the whole country; national territory disputes went to court.",
    "The gangs of Marseille and the Islamic State were both named in the report.",
    "The doctor diagnosed the infection within hours, and the coming days will see more tests.",
    "The regime's methods were diagnosed as brutal by rights groups; the court continued the case.",
    "The Popular Mobilization Forces took part in the battle for Mosul.",
    "Organizing the protest took weeks; the organizers said ISIS had nothing to do with it.",
    "Rest assured that the vote will be counted, the clerk said.",
    "The British newspaper The Guardian first reported the leak.",
    "The talks aim at an eventual negotiated settlement between the parties.",
    "He has lived in the city since 2015 and works as a teacher.",
    "The senator, who, however, was not present, voted by proxy.",
    "Voters in the capital went to the polls on Sunday, Oct. 4, 2020.",
    "The Israeli newspaper Haaretz reported that the cabinet met overnight.",
    "Economy minister Karl Huber, a conservative, rejected the proposal.",
    "Landing the interview was a major coup for the network.",
    "She is a leading exponent of minimalist architecture.",
    "The dossier on the company's finances was handed to prosecutors.",
    "The minister underlined that the talks would continue.",
    "According to what witnesses told reporters, the gunmen fled on foot.",
    "The forces of law and order closed the square overnight on Friday.",
    "Between Friday and Saturday night, crews rebuilt the bridge.",
    "The winner and the also-rans shook hands.",
    "The Syrian filed for asylum in Germany in 2015.",
    "Diplomats discussed Iran's nuclear file at the board meeting in Vienna.",
    "Lawyers asked to see the file of the accused before the hearing.",
    "The council stressed the importance of stopping the escalation.",
    "She concluded by saying the plan would work, adding that costs were falling.",
    "The senator said, saying nothing more, that he would vote no.",
    "She thanked the committee upon her reception of the award.",
    "In his reception of the news and of Trump's remarks, he was calm.",
    "Egypt thanked fellow Arab countries for their support, and the brothers shared a brotherly bond.",
    "The occupation of Iraq lasted for years, and occupation forces arrested thousands.",
    "The Lebanese political arena is deeply divided.",
    "It should be noted that the plan was mentioned in the report.",
    "The matter that led to his resignation was never resolved, which angered his critics.",
    "The minister, who held the post until now, will head the list.",
    "The votes were counted with the help of volunteers, and the coalition has the support of 176 deputies.",
    "Volunteers assisted the police, and more than 2,000 people attended the funeral.",
    "He was haunted by his part in the scandal; for his part, the mayor said nothing.",
    "So said the minister, and thus it was reported that the talks had ended.",
    "The decree will be approved in the next few days, and more talks are due in the next days and weeks.",
    "The accident happened yesterday afternoon, and on the morning of Monday, Sept. 11, the road reopened.",
    "The president arrived in Madrid to cheers and arrived to find the city empty.",
    "The ensemble of musicians played for two hours, and all of the population was invited.",
    "Funding stayed at the level of the previous year, the official said at the roundabout.",
    "The couple became engaged in 2019, and the government committed itself to reducing the deficit.",
    "She auditioned for the role and was auditioned by the committee of the orchestra.",
    "The former minister was questioned by the commission of inquiry on Tuesday.",
    "The patient was placed under observation, and the mayor was placed under formal investigation.",
    "The armed forces minister visited the troops and the armies of both nations.",
    "According to information from the police, the suspect was known to officers.",
    "He will be tried before a criminal court in Paris, where a correctional officer will testify.",
    "Officials expect a decision in the coming days, and the suspect was arrested yesterday evening.",
    "Activists protested on the margins of the summit, where the margin of victory was discussed.",
    "The Guardia di Finanza, Italy's financial police, seized the goods.",
    "The police carried out a large-scale operation, and she wore a maxi skirt.",
    "Police are working on the hypothesis that the crime was premeditated.",
    "The driver was placed under investigation after he registered the car.",
    "The fire broke out last night in a warehouse near Milan.",
    "In the night of yesterday's storm, hundreds lost power.",
    "The delegation arrived in Rome to a warm welcome.",
    "Hundreds of people attended the ceremony, and nurses assisted the injured.",
])
def test_native_english_is_not_flagged(text: str) -> None:
    assert hits(text) == []


def test_coup_as_blow_is_flagged_outside_a_coup_context() -> None:
    found = hits("The bombing was the worst coup suffered by the police in the province this year.")
    assert [(s, k) for s, k, _ in found] == [("coup", "mistranslation")]


def test_shared_false_friend_lists_every_language_strongest_first() -> None:
    (surface, _, candidates), = hits("It was the umpteenth delay of the project.")
    assert surface == "umpteenth"
    assert set(candidates) >= {"es", "fr", "it"}


def test_only_english_text_is_searched() -> None:
    assert hits("La umpteenth vez", language="es") == []


def test_explanation_names_the_source_expression() -> None:
    ctx = Context.from_text("Rebels continue to operate from during small cells in the desert.")
    (artifact,) = calques.detect(ctx)
    assert "من خلال" in artifact.explanation and artifact.source_language == "ar"
    assert ctx.text[artifact.start:artifact.end] == artifact.text
