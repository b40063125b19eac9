/**
 * Invented reports of a detention written to one template, as monitors' bulletins are, and a report republished as
 * outlets do (another header, a line changed, a footer of their own): for telling copies of one report from reports
 * of their own worded alike. Every name, place and date is invented.
 */
export interface Detention {
  city: string;
  date: string;
  /** «активиста Тимура Веденеева»: the person as the accusative gives them. */
  person: string;
  /** «Веденеева»: the surname in the genitive. */
  surname: string;
  district: string;
  hours: string;
  fine: string;
}

export const VEDENEEV: Detention = {
  city: 'Саратове',
  date: '12 марта',
  person: 'активиста Тимура Веденеева',
  surname: 'Веденеева',
  district: 'Кировского',
  hours: 'шести',
  fine: '20',
};

export const OKUNEVA: Detention = {
  city: 'Пензе',
  date: '14 марта',
  person: 'активистку Ларису Окуневу',
  surname: 'Окуневой',
  district: 'Ленинского',
  hours: 'четырёх',
  fine: '15',
};

/** A report of about 110 words on one detention. */
export function detentionReport(d: Detention): string {
  return `В ${d.city} ${d.date} полицейские задержали ${d.person} у здания областного суда, где проходил пикет в
поддержку осуждённого журналиста. Задержанного доставили в отдел полиции ${d.district} района и составили протокол
по части 5 статьи 20.2 КоАП о нарушении порядка проведения публичного мероприятия. Адвокат ${d.surname} рассказала,
что задержанному не давали позвонить родственникам и продержали в отделе больше ${d.hours} часов. На следующий день
${d.district} районный суд назначил штраф в ${d.fine} тысяч рублей. Защита заявила, что обжалует решение, и
напомнила, что это уже третье дело за последний год. Ранее задержанного дважды доставляли в отдел с одиночных
пикетов в центре города.`;
}

/** `text` as another outlet republishes it: its own header and footer, one phrase reworded. */
export function republished(text: string): string {
  return `Новости региона. ${text.replace('больше', 'около')}
Подписывайтесь на наш канал, чтобы первыми узнавать о главных новостях региона.`;
}
